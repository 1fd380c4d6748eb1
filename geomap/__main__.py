"""``python -m geomap``: the same CLI as the ``geomap`` console script."""

from .cli import main

raise SystemExit(main())
