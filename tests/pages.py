"""A local news site for input tests: realistic article pages served by http.server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PARAGRAPHS = (
    "Le président est arrivé lundi à Brest, où il a rencontré les marins du port militaire.",
    "Il a ensuite pris la route de Rennes, accueilli par le maire devant l'hôtel de ville.",
    "La visite s'achèvera mercredi, selon le programme transmis par l'Élysée aux journalistes.",
)


def article_page(base: str, title: str = "Le président en Bretagne", paragraphs=PARAGRAPHS) -> str:
    """A news page as sites publish them: navigation, banner, JSON-LD, related links, comments."""
    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
        "datePublished": "2023-02-20T10:00:00+01:00",
        "publisher": {"@type": "Organization", "name": "Le Courrier de l'Ouest"},
    }
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="fr-FR"><head><meta charset="utf-8"><title>{title} | Le Courrier</title>
<link rel="canonical" href="{base}/politique/president-bretagne">
<meta property="og:site_name" content="Le Courrier de l'Ouest">
<script type="application/ld+json">{json.dumps(ld)}</script>
<script>window.dataLayer = [{{"page": "article"}}];</script></head>
<body>
<div id="cookie-banner" class="cookie-consent">Nous utilisons des cookies pour mesurer l'audience. Accepter Refuser</div>
<header><nav><ul><li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li>\
<li><a href="/sport">Sport à Lyon</a></li></ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">Par la rédaction</p>{body}</article>
<aside class="related"><h2>À lire aussi</h2><ul>
<li><a href="/a">Grève à Marseille : les dockers mobilisés</a></li>
<li><a href="/b">Toulouse accueille un salon de l'aéronautique</a></li></ul></aside>
<section id="comments" class="comments"><h2>Commentaires</h2>
<div class="comment"><p>Jean : quelle honte, il aurait dû aller à Strasbourg !</p></div></section></main>
<footer><p>© 2023 Le Courrier — Mentions légales — Contact à Nantes</p></footer>
</body></html>"""


class Site:
    """The server, with every request it received (path, User-Agent), started and stopped by the test."""

    def __init__(self, pages: dict[str, tuple[int, dict[str, str], bytes]], robots: str = "") -> None:
        self.pages = dict(pages)
        self.robots = robots
        self.requests: list[tuple[str, str]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                site.requests.append((self.path, self.headers.get("User-Agent", "")))
                if self.path == "/robots.txt":
                    status, headers, body = (200, {"Content-Type": "text/plain"}, site.robots.encode()) \
                        if site.robots else (404, {}, b"")
                else:
                    status, headers, body = site.pages.get(self.path, (404, {}, b"not found"))
                self.send_response(status)
                for key, value in headers.items():
                    if key != "X-Unsized":
                        self.send_header(key, value)
                if "X-Unsized" not in headers:  # else the body ends when the connection closes
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    if "X-Drip" in headers:  # a slow server: one byte every 0.2 s (bounded by the body)
                        for i in range(len(body)):
                            self.wfile.write(body[i : i + 1])
                            self.wfile.flush()
                            time.sleep(0.2)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading (size cap): expected

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def count(self) -> Counter[str]:
        return Counter(path for path, _ in self.requests)
