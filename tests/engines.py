"""`make engines`: build the guide with MkDocs, ProperDocs and Zensical, compare the sites page by page.

Each engine builds the site and its offline copy. For every page the comparison reads what readers and
clinicians rely on (term links, checklists, quick exit, urgent help, the CSP, review dates, the printed
address and QR code, content notes, the clinicians' directory, heading anchors, links), and checks that
every image, script, stylesheet and link resolves and that nothing loads from another origin. Search must
return results in Chromium under the CSP, from the server and from disk. It prints a table; any difference
or failure is listed under it and the exit status is 1.

    python -m tests.engines [--engines mkdocs,zensical] [--no-browser] [--no-offline]
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import http.server
import json
import posixpath
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from macros.cli import ENGINES, OFFLINE, build_editions, build_site
from macros.config import load_config

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".engines"  # inside the project: Zensical writes nowhere else
QUERY = "window of tolerance"  # a search that finds a term page and the pages that use it
BASE = "http://site.invalid/"  # where relative addresses are resolved; never requested

# --- a small HTML tree ------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, match: Callable[[Node], bool]) -> list[Node]:
        return [n for n in self.iter() if match(n)]

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return re.sub(r"\s+", " ", " ".join(parts)).strip()

    def markup(self) -> str:
        """The element as one canonical string (attributes sorted), to compare generated HTML exactly."""
        attrs = "".join(f' {k}="{v}"' for k, v in sorted(self.attrs.items()))
        inner = "".join(c if isinstance(c, str) else c.markup() for c in self.children)
        return f"<{self.tag}{attrs}>{inner}</{self.tag}>"

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if any(n.tag == tag for n in self.stack[1:]):
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


# --- what each page must have alike ------------------------------------------------------------------

@dataclass
class Page:
    url: str  # site-relative, as a reader's browser has it: "" for the home page, "steps/setbacks/"
    tree: Node
    article: Node


def _attr_of(page: Page, where: Node, attr: str, match: Callable[[Node], bool]) -> list[str]:
    return [n.attrs.get(attr, "") for n in where.find_all(match)]


def climbs(page_url: str, href: str) -> bool:
    """Whether a relative address climbs above the site's root (a browser stops there, a file system does not)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or parts.path.startswith("/"):
        return False
    folder = page_url.rpartition("/")[0]
    return posixpath.normpath(posixpath.join(folder, parts.path) or ".").startswith("..")


def _hrefs(page: Page, where: Node, match: Callable[[Node], bool]) -> list[str]:
    """Link targets as site paths: `./get-help/` and `get-help/` from the home page are both `/get-help/`."""
    out = []
    for node in where.find_all(lambda n: "href" in n.attrs and match(n)):
        href = urljoin(BASE + page.url, node.attrs["href"])
        out.append(("/" + href[len(BASE):] if href.startswith(BASE) else href)
                   + (" (above the root)" if climbs(page.url, node.attrs["href"]) else ""))
    return out


def _texts(where: Node, match: Callable[[Node], bool]) -> list[str]:
    return [n.text() for n in where.find_all(match)]


def _markups(where: Node, match: Callable[[Node], bool]) -> list[str]:
    return [hashlib.sha1(n.markup().encode()).hexdigest()[:12] for n in where.find_all(match)]


def _print_qr(page: Page) -> list[str]:
    footers = page.article.find_all(lambda n: n.has_class("print-footer"))
    return [m for f in footers for m in _markups(f, lambda n: n.tag == "svg")]


def _term_link(n: Node) -> bool:
    return n.tag == "a" and n.has_class("term-link") and "href" in n.attrs


# name -> what a page has of it (a list: its length is what the table counts)
FEATURES: dict[str, Callable[[Page], list[str]]] = {
    "term links": lambda p: [f'{h} {n.attrs.get("data-term")} {n.text()}' for h, n in zip(
        _hrefs(p, p.article, _term_link), p.article.find_all(_term_link), strict=True)],
    "checklist items": lambda p: [n.attrs.get("id", "") for form in p.article.find_all(
        lambda n: n.tag == "form" and "data-checklist" in n.attrs) for n in form.find_all(lambda n: n.tag == "input")],
    "quick exit": lambda p: _attr_of(p, p.tree, "href", lambda n: "data-quick-exit" in n.attrs),
    "urgent help": lambda p: _hrefs(p, p.tree, lambda n: "data-urgent-help" in n.attrs),
    "CSP": lambda p: _attr_of(p, p.tree, "content",
                              lambda n: n.tag == "meta" and n.attrs.get("http-equiv") == "Content-Security-Policy"),
    "review dates": lambda p: _texts(p.article, lambda n: n.has_class("page-dates")),
    "print address": lambda p: [t for f in p.article.find_all(lambda n: n.has_class("print-footer"))
                                for t in _texts(f, lambda n: n.tag == "span")],
    "print QR code": _print_qr,
    "content notes": lambda p: _texts(p.article, lambda n: n.has_class("content-note")),
    "directory QR codes": lambda p: [hashlib.sha1(s.encode()).hexdigest()[:12] for s in _attr_of(
        p, p.article, "src", lambda n: n.tag == "img" and n.has_class("qr"))],
    "heading anchors": lambda p: _attr_of(p, p.article, "id", lambda n: re.fullmatch(r"h[1-6]", n.tag) is not None),
    "article links": lambda p: _hrefs(p, p.article, lambda n: n.tag == "a"),
}

# --- links that must resolve, and nothing from another origin -----------------------------------------

LOADS = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("embed", "src"),
         ("video", "src"), ("audio", "src"), ("link", "href")}  # a <link> other than these rels loads it
NOT_LOADED_RELS = {"canonical", "alternate", "prev", "next"}
SKIP = ("mailto:", "tel:", "data:", "javascript:", "blob:", "sms:")


def _page_file(site: Path, path: str) -> Path | None:
    """The file a site-relative path opens, or None."""
    target = site / unquote(path)
    if path.endswith("/") or path == "":
        target = target / "index.html"
    elif target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


class Site:
    """One engine's built site: its pages parsed once, with their ids for anchor checks."""

    def __init__(self, folder: Path, site_url: str, directory_urls: bool = True):
        self.folder, self.site_url = folder, site_url
        self.pages: dict[str, Page] = {}
        self.ids: dict[str, set[str]] = {}
        for html in sorted(folder.rglob("*.html")):
            rel = html.relative_to(folder).as_posix()
            if rel == "404.html" or "/assets/" in f"/{rel}":
                continue
            if directory_urls:
                if html.name != "index.html":
                    continue  # redirect stubs and such are not pages
                url = rel[: -len("index.html")]
            else:
                url = rel
            tree = parse(html.read_text(encoding="utf-8"))
            articles = tree.find_all(lambda n: n.tag == "article")
            self.pages[url] = Page(url, tree, articles[0] if articles else Node("article"))
            self.ids[url] = {n.attrs["id"] for n in tree.iter() if "id" in n.attrs} | {
                n.attrs["name"] for n in tree.iter() if n.tag == "a" and "name" in n.attrs}

    def problems(self, page: Page) -> tuple[list[str], list[str]]:
        """(references that do not resolve, things loaded from another origin) on one page."""
        unresolved, foreign = [], []
        in_article = {id(n) for n in page.article.iter()}
        for node in page.tree.iter():
            for attr in ("href", "src"):
                value = node.attrs.get(attr)
                if value is None or value.startswith(SKIP):
                    continue
                loads = (node.tag, attr) in LOADS and not (
                    node.tag == "link" and set(node.attrs.get("rel", "").split()) & NOT_LOADED_RELS)
                parts = urlsplit(value)
                if parts.scheme in ("http", "https") or value.startswith("//"):
                    if value.startswith(self.site_url):  # the published address of one of our pages
                        if _page_file(self.folder, urlsplit(value[len(self.site_url):]).path) is None:
                            unresolved.append(value)
                        continue
                    else:
                        if loads:
                            foreign.append(f"<{node.tag} {attr}={value}>")
                        continue
                if not parts.path and not parts.scheme:  # "#id": this page
                    if parts.fragment and id(node) in in_article and parts.fragment not in self.ids[page.url]:
                        unresolved.append(f"{value} (no such id)")
                    continue
                path = urlsplit(urljoin(BASE + page.url, value)).path.lstrip("/")
                file = _page_file(self.folder, path)
                if file is None or climbs(page.url, value):
                    unresolved.append(value)
                elif parts.fragment and id(node) in in_article and file.suffix == ".html":
                    target = self._url(file)
                    if target in self.ids and parts.fragment not in self.ids[target]:
                        unresolved.append(f"{value} (no such id)")
        return unresolved, foreign

    def _url(self, file: Path) -> str:
        rel = file.relative_to(self.folder).as_posix()
        if rel in self.pages:
            return rel
        return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def search_index(folder: Path) -> list[str]:
    """The locations in the engine's search index (Material: search/search_index.json; Zensical: search.json)."""
    for name, key in (("search/search_index.json", "docs"), ("search.json", "items")):
        if (folder / name).exists():
            return sorted(e["location"] for e in json.loads((folder / name).read_text(encoding="utf-8"))[key])
    return []


# --- search in Chromium ------------------------------------------------------------------------------

RESULTS = ".md-search-result__item, [role=listbox] [role=option]"  # Material's list; Zensical's dialog
BLOCKED = re.compile(r"(Executing inline script|Applying inline style) violates.*?a hash \('(sha256-[^']+)'\)")
SEARCH_FROM = ["", "steps/setbacks/"]  # a top page and one a folder down
SEARCH_FROM_DISK = ["index.html", "steps/setbacks.html"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def browser_search(sites: dict[str, tuple[Path, bool]]) -> dict[str, list[str]]:
    """For each site, search from a top page and a page one folder down (the offline copy's CSP hashes
    differ by depth): "N results" when search finds results with no console error, else what went wrong."""
    from playwright.sync_api import sync_playwright

    from tests.browser_path import chromium_path

    path = chromium_path()
    if path is None:
        return {name: ["no Chromium (run `make browser`)"] for name in sites}
    out: dict[str, list[str]] = {}
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        for name, (folder, from_disk) in sites.items():
            httpd = None
            if from_disk:
                starts = [(folder / page).as_uri() for page in SEARCH_FROM_DISK]
            else:
                handler = functools.partial(_Quiet, directory=str(folder))
                httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
                threading.Thread(target=httpd.serve_forever, daemon=True).start()
                starts = [f"http://127.0.0.1:{httpd.server_address[1]}/{page}" for page in SEARCH_FROM]
            context = chromium.new_context()
            context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
            out[name] = [_search(context, start) for start in starts]
            context.close()
            if httpd:
                httpd.shutdown()
        chromium.close()
    return out


def _search(context: object, start: str) -> str:
    page = context.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(start)
        page.keyboard.press("/")  # both themes' search shortcut
        page.keyboard.type(QUERY)
        results = page.locator(RESULTS)
        results.first.wait_for(timeout=15_000)
        found = f"{results.count()} results"
    except Exception as error:  # noqa: BLE001 - reported in the table, never hidden
        found = f"no results ({type(error).__name__})"
    page.close()
    if not errors:
        return found
    blocked = BLOCKED.search(errors[0])
    if blocked:  # name the hash, for the CSP in overrides/main.html
        kind = "script" if "script" in blocked[1] else "style"
        return f"{found}; the CSP blocks an inline {kind}: allow '{blocked[2]}'"
    return f"{found}; console: {errors[0][:300]}"


# --- the comparison ----------------------------------------------------------------------------------

@dataclass
class Built:
    engine: str
    folder: Path
    seconds: float
    ok: bool
    log: str
    site: Site | None = None


def build(engine: str, offline: bool) -> Built:
    folder = OUT / (f"{engine}-offline" if offline else engine)
    start = time.perf_counter()
    # The site holds every edition; an offline copy holds one, and its pages have no language switch.
    result = build_site(engine, folder, **OFFLINE) if offline else build_editions(engine, folder)
    seconds = time.perf_counter() - start
    return Built(engine, folder, seconds, result.returncode == 0, result.stdout + result.stderr)


@dataclass
class Report:
    rows: list[tuple[str, list[str]]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def compare(built: list[Built], site_url: str, offline: bool, browser: dict[str, str] | None) -> Report:
    """The table's rows (check, one cell per engine) and every difference or failure found."""
    report = Report()
    ref = built[0]
    sites = [b.site for b in built]
    assert all(sites)
    report.rows.append(("build (s)", [f"{b.seconds:.1f}" for b in built]))
    page_sets = [set(s.pages) for s in sites]  # type: ignore[union-attr]
    report.rows.append(("pages", [str(len(p)) for p in page_sets]))
    for b, pages in zip(built[1:], page_sets[1:], strict=True):
        if pages != page_sets[0]:
            missing, extra = sorted(page_sets[0] - pages), sorted(pages - page_sets[0])
            report.failures.append(f"pages: {b.engine} lacks {missing[:5]} and adds {extra[:5]}")
    common = sorted(set.intersection(*page_sets))
    checks = FEATURES if not offline else {k: FEATURES[k] for k in ("urgent help", "CSP", "article links")}
    for name, feature in checks.items():
        values = [{url: feature(s.pages[url]) for url in common} for s in sites]  # type: ignore[union-attr]
        cells = []
        for b, vals in zip(built, values, strict=True):
            total = sum(len(v) for v in vals.values())
            differ = [url for url in common if vals[url] != values[0][url]]
            cells.append(f"{total}" + (f" ≠{len(differ)}" if differ else ""))
            for url in differ[:3]:
                report.failures.append(f"{name}: /{url} {b.engine} has {vals[url][:4]} where {ref.engine} has "
                                       f"{values[0][url][:4]}")
        report.rows.append((name, cells))
    for label, index in (("unresolved references", 0), ("loads from other origins", 1)):
        cells = []
        for b, s in zip(built, sites, strict=True):
            found = {url: s.problems(page)[index] for url, page in s.pages.items()}  # type: ignore[union-attr]
            found = {url: f for url, f in found.items() if f}
            cells.append(str(sum(len(f) for f in found.values())))
            for url, items in list(found.items())[:3]:
                report.failures.append(f"{label}: /{url} ({b.engine}): {', '.join(items[:4])}")
        report.rows.append((label, cells))
    if not offline:
        indexes = [search_index(b.folder) for b in built]
        report.rows.append(("search index entries", [str(len(i)) + ("" if set(i) == set(indexes[0]) else " ≠")
                                                     for i in indexes]))
        for b, index in zip(built, indexes, strict=True):
            if not index or set(index) != set(indexes[0]):
                report.failures.append(f"search index: {b.engine} has {len(index)} entries, "
                                       f"{len(set(index) ^ set(indexes[0]))} not shared with {ref.engine}")
    if browser is not None:
        pages = SEARCH_FROM_DISK if offline else SEARCH_FROM
        for i, start in enumerate(pages):
            cells = [browser[b.engine][i] for b in built]
            report.rows.append((f"search from /{start}", [c.split(";")[0] for c in cells]))
            for b, cell in zip(built, cells, strict=True):
                if not re.fullmatch(r"[1-9]\d* results", cell):
                    report.failures.append(f"search in Chromium from /{start} ({b.engine}): {cell}")
    return report


def table(title: str, engines: list[str], rows: list[tuple[str, list[str]]]) -> str:
    width = max(len(r[0]) for r in rows)
    cols = [max(len(e), *(len(r[1][i]) for r in rows)) for i, e in enumerate(engines)]
    lines = [title, f"{'':{width}}  " + "  ".join(f"{e:>{w}}" for e, w in zip(engines, cols, strict=True))]
    lines += [f"{name:{width}}  " + "  ".join(f"{c:>{w}}" for c, w in zip(cells, cols, strict=True))
              for name, cells in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.engines", description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated, the first is the reference")
    parser.add_argument("--no-browser", action="store_true", help="skip search in Chromium")
    parser.add_argument("--no-offline", action="store_true", help="skip the offline copies")
    args = parser.parse_args(argv)
    engines = args.engines.split(",")
    config = load_config(ROOT / "mkdocs.yml")
    site_url = config.get("site_url") or ""
    failures: list[str] = []
    for offline in (False,) if args.no_offline else (False, True):
        built = [build(engine, offline) for engine in engines]
        broken = [b for b in built if not b.ok]
        for b in broken:
            failures.append(f"{b.engine}{' offline' if offline else ''} build failed:\n{b.log[-2000:]}")
        if broken:
            continue
        for b in built:
            b.site = Site(b.folder, site_url, directory_urls=not offline)
        browser = None if args.no_browser else browser_search({b.engine: (b.folder, offline) for b in built})
        report = compare(built, site_url, offline, browser)
        title = "Offline copies (make offline), opened from disk" if offline else "Sites (make build), served"
        print(table(title, engines, report.rows))
        print()
        failures += report.failures
    if failures:
        print("Differences and failures:")
        print("\n".join(f"- {f}" for f in failures))
        return 1
    print(f"No difference between {', '.join(engines)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
