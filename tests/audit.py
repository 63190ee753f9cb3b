"""`make audit`: Lighthouse (mobile defaults, system Chromium) on the built site served with gzip."""
from __future__ import annotations

import gzip
import http.server
import json
import mimetypes
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from tests.browser_path import chromium_path

ROOT = Path(__file__).resolve().parent.parent
AUDIT = ROOT / "tests" / "audit"
PAGES = ["", "checklists/readiness/", "glossary/window-of-tolerance/"]
RUNS = 3  # Lighthouse's own advice: timing scores vary, so report the median of several runs
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}


def handler_for(site: Path) -> type[http.server.BaseHTTPRequestHandler]:
    class Static(http.server.BaseHTTPRequestHandler):
        """A static host: gzip when asked, long cache for hashed assets."""

        def do_GET(self) -> None:  # noqa: N802 - http.server's API
            path = site / self.path.split("?")[0].lstrip("/")
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                self.send_error(404)
                return
            body = path.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
            self.send_header("Cache-Control", "max-age=31536000" if "/assets/" in self.path else "max-age=600")
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Static


def main() -> int:
    chrome = chromium_path()
    if not chrome:
        print("make audit needs Chromium (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=AUDIT, check=True)
    env = {**os.environ, "CHROME_PATH": chrome, "DISABLE_MKDOCS_2_WARNING": "true"}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        # Not -q: MkDocs would drop the warnings before --strict counts them.
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                               cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        if build.returncode:
            print(build.stdout + build.stderr, file=sys.stderr)
            return 1
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_for(site))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        ok = True
        print(f"{'page':32} " + " ".join(f"{k:>15}" for k in TARGETS))
        for url in PAGES:
            runs = []
            for _ in range(RUNS):
                report = Path(tmp) / "report.json"
                subprocess.run([str(AUDIT / "node_modules" / ".bin" / "lighthouse"), base + url, "--quiet",
                                "--output=json", f"--output-path={report}", f"--chrome-path={chrome}",
                                "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
                                "--disable-background-networking"], env=env, check=True)
                runs.append(json.loads(report.read_text())["categories"])
            scores = {k: round(statistics.median(c[k]["score"] for c in runs) * 100) for k in TARGETS}
            ok &= all(scores[k] >= v for k, v in TARGETS.items())
            print(f"{'/' + url:32} " + " ".join(f"{scores[k]:>15}" for k in TARGETS))
        httpd.shutdown()
    print("targets: " + ", ".join(f"{k} >= {v}" for k, v in TARGETS.items()) + (" - met" if ok else " - NOT met"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
