"""The place score's threshold-free ranking figures (geomap.infer.fit.ranking), shown by `geomap eval --loso`."""

import math

from geomap.infer.fit import ranking


def test_auc_is_the_chance_a_stop_scores_above_a_non_stop() -> None:
    assert ranking([(0.9, 1), (0.8, 1), (0.3, 0), (0.1, 0)]).auc == 1.0
    assert ranking([(0.2, 1), (0.9, 0)]).auc == 0.0
    # One stop of two above the non-stop, the other tied with it: (1 + 1/2) / 2.
    assert ranking([(0.7, 1), (0.4, 1), (0.4, 0)]).auc == 0.75


def test_log_loss_rewards_sure_right_answers_and_stays_finite_on_sure_mistakes() -> None:
    unsure = ranking([(0.5, 1), (0.5, 0)])
    assert math.isclose(unsure.log_loss, math.log(2))
    assert ranking([(0.99, 1), (0.01, 0)]).log_loss < unsure.log_loss
    wrong = ranking([(1.0, 0), (0.0, 1)])
    assert math.isfinite(wrong.log_loss) and wrong.log_loss > unsure.log_loss


def test_auc_is_undefined_without_both_stops_and_non_stops() -> None:
    only = ranking([(0.6, 1), (0.2, 1)])
    assert only.places == 2 and math.isnan(only.auc)


def test_its_line_names_the_figures() -> None:
    line = ranking([(0.9, 1), (0.1, 0)]).line()
    assert "log loss" in line and "AUC 1.0000" in line and "over 2 places" in line
