"""The thin layer that wires the pure core into mkdocs-macros (`define_env`).

The macros are `define_env` macros, which Zensical also runs. The page decorations that need no
editor action (term links, term-page sections, printed link addresses) live in the Markdown extension
`macros.extension`, which reads the current page from the macros environment kept here. Two
mkdocs-macros page hooks, `on_pre_page_macros` and `on_post_build`, supply QR codes and spare most
pages the Jinja pass.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from . import checklists, diagrams, glossary, references, render
from . import site as core
from .errors import ContentError
from .qr import qr_svg
from .urls import page_url, public_url, relative_url, source_link

_STRING = r"""(?:"[^"\\\n]*"|'[^'\\\n]*')"""  # no escapes: an argument is the text between its quotes
ARGUMENT = re.compile(_STRING)
SIMPLE_CALL = re.compile(rf"\{{\{{\s*([A-Za-z_]\w*)\(\s*((?:{_STRING}\s*,\s*)*(?:{_STRING}\s*)?)\)\s*\}}\}}")
# Block macros mark their finished HTML so that the Markdown extension can set it aside whole: Markdown
# would otherwise parse it tag by tag again only to pass it through. Without the extension the marks
# are plain HTML comments.
RAW_OPEN, RAW_CLOSE = "<!-- macro html -->", "<!-- /macro html -->"
QR_DIR = "assets/qr"
SVG_NS = "http://www.w3.org/2000/svg"  # an SVG file needs it; SVG inside HTML does not
STATE: dict[str, Any] = {}  # the loaded Site and the macros env, for the Markdown extension


def raw_block(html: str) -> str:
    return f"{RAW_OPEN}\n{html}\n{RAW_CLOSE}"


def current_src() -> str | None:
    """Docs-relative path of the page being rendered, or None outside a page build.

    MkDocs' pages hold it as `file.src_uri`; Zensical's, which have no `file`, as `path`.
    """
    env = STATE.get("env")
    page = getattr(env, "page", None) if env else None
    if page is None:
        return None
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path


def _fail(error: ContentError) -> NoReturn:
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # another generator: a plain error carries the same lines
        raise error from None
    raise PluginError(f"content has {len(error.problems)} problem(s):\n{error}") from None


def define_env(env: Any) -> None:
    conf = env.conf
    docs = Path(conf["docs_dir"])
    site, problems = core.load(docs, conf["extra"])
    try:
        problems.raise_if_errors()
    except ContentError as error:
        _fail(error)
    STATE.update(site=site, env=env, site_url=conf.get("site_url") or "")
    text = site.text
    titles = {src: p.title for src, p in site.pages.items()}  # link text for checklist links

    def here() -> str:
        return current_src() or "index.md"

    def url_href(target_src: str) -> str:
        return page_href(here(), target_src)

    def unknown(kind: str, key: str) -> NoReturn:
        raise ValueError(f"{here()}: unknown {kind} {key!r}")  # validated at load; never expected

    def block_macro(render_html: Callable[..., str]) -> Callable[..., str]:
        """Register a macro whose output is a finished block of HTML (see `raw_block`)."""
        @functools.wraps(render_html)
        def macro(*args: str) -> str:
            return raw_block(render_html(*args))
        return env.macro(macro)

    @env.macro
    def cite(key: str) -> str:
        """Inline citation linked to its entry on the references page."""
        ref = site.refs.get(key) or unknown("citation", key)
        return references.render_citation(ref, url_href(core.REFERENCES_PAGE))

    @env.macro
    def term(slug: str, label: str | None = None) -> str:
        """An explicit link to a glossary term, with its definition as the tooltip."""
        t = site.terms.get(slug) or unknown("term", slug)
        title = t.definition.replace('"', "&quot;")
        target = source_link(here(), t.src)
        return f'[{label or t.title}]({target} "{title}"){{: .term-link data-term="{slug}" }}'

    @block_macro
    def checklist(cid: str) -> str:
        c = site.checklists.get(cid) or unknown("checklist", cid)
        return checklists.render(c, url_href, titles, text, address)

    @block_macro
    def checklist_index() -> str:
        return checklists.render_index(site.checklists, site.checklist_pages, url_href)

    @block_macro
    def glossary_index() -> str:
        return glossary.render_index(site.terms, url_href, text)

    @block_macro
    def diagram(name: str) -> str:
        """An SVG from docs/assets/diagrams/, inline so that it follows the palette (see diagrams.py)."""
        return diagrams.render_diagram(diagrams.diagram_path(docs, name), root=docs.parent)

    @block_macro
    def reference_list() -> str:
        entries = []
        for key, ref in sorted(site.refs.items(), key=lambda kv: kv[1].label.lower()):
            used = [(url_href(src), p.title) for src, p in site.pages.items()
                    if key in (p.meta.get("references") or [])]
            entries.append(references.render_entry(ref, used, text["used_in"]))
        return references.render_list(entries)

    @block_macro
    def crisis_lines() -> str:
        return render.crisis_lines(conf["extra"].get("help_lines") or [])

    @block_macro
    def clinician_directory() -> str:
        pages = [site.pages[src] for src in nav_sources(conf["nav"]) if src in site.pages]
        sections = []
        for heading, pick in ((text["dir_pages"], lambda p: not p.src.startswith(("steps/", "checklists/"))),
                              (text["dir_steps"], lambda p: p.src.startswith("steps/")),
                              (text["dir_checklists"], lambda p: p.src.startswith("checklists/"))):
            sections.append((heading, [(p.title, p.src, address(p.src)) for p in pages if pick(p)]))
        terms = sorted(site.terms.values(), key=lambda t: t.title.lower())
        sections.append((text["dir_terms"], [(t.title, t.src, address(t.src)) for t in terms]))
        return render.directory(sections, url_href, qr_href, text["copy_link"], text["link_copied"], text["qr_for"])

    def qr_href(target_src: str) -> str:
        return relative_url(page_url(here(), conf["use_directory_urls"]), qr_file(target_src))


def page_href(from_src: str, target_src: str) -> str:
    """The link between two pages as the built site has it, for HTML that MkDocs does not rewrite."""
    conf = getattr(STATE.get("env"), "conf", None) or {}
    directory = conf.get("use_directory_urls", True)  # read per call: the offline build turns it off
    path, _, anchor = target_src.partition("#")
    rel = relative_url(page_url(from_src, directory), page_url(path, directory))
    return rel + (f"#{anchor}" if anchor else "")


def qr_file(src: str) -> str:
    """Where a page's QR code image is written in the built site (see `on_post_build`)."""
    return f"{QR_DIR}/{src[:-3]}.svg"


def address(target_src: str) -> str:
    """A page's web address, as printed pages, QR codes and the directory show it (even offline)."""
    return public_url(STATE["site_url"], target_src)


def nav_sources(nav: Any) -> list[str]:
    """The `nav:` of mkdocs.yml flattened to docs paths, in reading order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [src for value in nav.values() for src in nav_sources(value)]
    if isinstance(nav, list):
        return [src for item in nav for src in nav_sources(item)]
    return []


def on_pre_page_macros(env: Any) -> None:
    """Per page, before its macros run: hand the theme the page's QR code, and spare needless Jinja.

    The theme prints the QR code in the page's print-only footer (`overrides/main.html`). Jinja
    compiles each page as a template, which is most of a build's extra time; pages whose only macro
    calls have plain text arguments get the same output by calling the macros directly.
    """
    meta = env.page.meta
    page = STATE["site"].pages.get(env.page.file.src_uri)
    if page is not None:
        meta["print_url"], meta["print_qr"] = _qr_code(page)  # the web address, even offline
    expanded = expand_simple_calls(env.markdown, env.macros, env.has_j2)
    if expanded is not None and not env.has_j2(env.page.title or ""):
        env.markdown = expanded
        meta["render_macros"] = False


def expand_simple_calls(markdown: str, macros: dict[str, Callable[..., Any]],
                        has_j2: Callable[[str], bool]) -> str | None:
    """`markdown` with each `{{ name("text", ...) }}` replaced by what the macro returns.

    None when anything else in it needs Jinja (a block, a comment, a variable, an unknown macro) or
    a macro fails: then Jinja renders the page as written and reports any error its own way.
    """
    calls = list(SIMPLE_CALL.finditer(markdown))
    if any(m.group(1) not in macros for m in calls) or has_j2(SIMPLE_CALL.sub("", markdown)):
        return None
    try:
        return SIMPLE_CALL.sub(
            lambda m: str(macros[m.group(1)](*(arg[1:-1] for arg in ARGUMENT.findall(m.group(2))))), markdown)
    except Exception:  # noqa: BLE001 - Jinja runs the same call and reports the error
        return None


def _qr_code(page: Any) -> tuple[str, str]:
    """A page's public address and its QR code (SVG)."""
    url = address(page.src)
    return url, qr_svg(url, STATE["site"].text["qr_for"].format(title=page.title))


def on_post_build(env: Any) -> None:
    """Write every page's QR code as an image for the clinicians' directory, which shows them all.

    Drawn inline, 80-odd codes made that one page cost more build time than any other.
    """
    out = Path(env.conf["site_dir"])
    for src, page in STATE["site"].pages.items():
        svg = _qr_code(page)[1]
        path = out / qr_file(src)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(svg.replace("<svg ", f'<svg xmlns="{SVG_NS}" ', 1), encoding="utf-8")
