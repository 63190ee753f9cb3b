"""Shared fixtures: the real site built once per session, a local static server, and Chromium."""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser_path import chromium_path

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://guide.test/"  # the address QR codes and link previews should carry in tests


def mkdocs_build(dest: Path, config: Path = ROOT / "mkdocs.yml", **env: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` as `make build` runs it."""
    environ = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                           "--site-dir", str(dest)], cwd=config.parent, env=environ,
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The real site, every edition, built once as `make build` builds it: (site folder, build log)."""
    dest = tmp_path_factory.mktemp("site")
    result = subprocess.run([sys.executable, "-m", "macros.cli", "build", "--site-dir", str(dest)], cwd=ROOT,
                            env={**os.environ, "SITE_URL": SITE_URL}, capture_output=True, text=True, check=False)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    return dest, log


@pytest.fixture(scope="session")
def site(build: tuple[Path, str]) -> Path:
    return build[0]


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The built site served on loopback, as a static host serves it."""
    handler = functools.partial(_Handler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright. Missing Chromium fails in CI, never skips silently."""
    path = chromium_path()
    if path is None:
        message = "Chromium not found: run `make test` (it installs it) or set CHROMIUM=/path/to/chrome"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    context = browser.new_context(base_url=server)  # type: ignore[attr-defined]
    pg = context.new_page()
    yield pg
    context.close()


def built_pages(site: Path) -> list[str]:
    """Site-relative URLs of every built page (directory URLs), 404 page excluded."""
    out = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        out.append("" if rel == "." else rel + "/")
    return out


def offline_copy(name: str, folder: Path) -> Path:
    """`make offline` as a reader gets it: the English copy unpacked into `folder`; no zip is left behind."""
    from macros import cli

    assert cli.main(["offline", "--name", name]) == 0
    with zipfile.ZipFile(ROOT / "dist" / f"{name}-offline.zip") as zf:
        zf.extractall(folder)
    for archive in (ROOT / "dist").glob(f"{name}*-offline.zip"):  # one per edition
        archive.unlink()
    return folder / name
