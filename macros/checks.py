"""`make check`: every content check in one run, reported as `path:line: what - fix`."""
from __future__ import annotations

import datetime as dt
import posixpath
import re
import statistics
import subprocess
import sys
from pathlib import Path

from . import build as core
from .config import load_config
from .errors import Problems
from .readability import SCALES, score
from .syntax import ANCHOR_ATTR, IMG_WITHOUT_ALT, LINK, SCHEME
from .urls import page_url

MIN_WORDS = 60  # shorter pages (lists of links, checklist wrappers) are not graded


def _anchors(page: core.Page) -> set[str]:
    return {h.anchor for h in page.headings} | set(ANCHOR_ATTR.findall(page.doc.body))


def check_links(site: core.Build, problems: Problems) -> None:
    """Relative links and images in Markdown resolve to pages and anchors; images have alt text."""
    for src, page in site.pages.items():
        for offset, line in enumerate(page.doc.body.splitlines()):
            lineno = page.doc.body_line + offset
            if IMG_WITHOUT_ALT.search(line):
                problems.error(page.doc.path, lineno, "an image has no alt text",
                               'add alt="..." describing the image, or alt="" only if it is decoration')
            for bang, label, target in LINK.findall(line):
                if bang and not label.strip():
                    problems.error(page.doc.path, lineno, "an image has no alt text",
                                   "describe the image inside the square brackets: ![what it shows](file.png)")
                if SCHEME.match(target) or bang:
                    continue  # other sites (mailto:, https:) and images are not pages
                path, _, anchor = target.partition("#")
                dest = posixpath.normpath(posixpath.join(posixpath.dirname(src), path)) if path else src
                if dest not in site.pages:
                    problems.error(page.doc.path, lineno, f"link to {target!r}, which is not a page",
                                   "link to a .md file under docs/ with a relative path, like ../readiness.md")
                elif anchor and anchor not in _anchors(site.pages[dest]):
                    problems.error(page.doc.path, lineno, f"link to #{anchor}, which is not a heading of {dest}",
                                   f"use one of the {{#anchors}} in {dest}")


def check_readability(site: core.Build, problems: Problems) -> dict[str, float]:
    """Readability per page on the language's scale (see `readability.SCALES`): past the target is a
    warning, past the limit an error; the median must meet the target too."""
    scale = SCALES[site.language]
    grades: dict[str, float] = {}
    for src, page in site.pages.items():
        result = score(page.doc.body, language=site.language)
        if result.words < MIN_WORDS:
            continue
        grades[src] = result.grade
        if scale.too_hard(result.grade, scale.target):
            hardest = " | ".join(f"({g:.0f}) {s[:90]}" for g, s in result.hardest)
            report = problems.error if scale.too_hard(result.grade, scale.limit) else problems.warn
            report(page.doc.path, page.doc.body_line,
                   f"{scale.name} {result.grade} misses the target of {scale.target:.0f}",
                   f"shorten these sentences and use everyday words: {hardest}")
    if grades and scale.too_hard(statistics.median(grades.values()), scale.target):
        problems.error(site.docs, 1, f"the median {scale.name} is {statistics.median(grades.values()):.1f}",
                       f"bring the median to {scale.target:.0f}: see `make readability`")
    return grades


def _tool(root: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=root, capture_output=True, text=True, check=False)


def check_spelling(root: Path, problems: Problems) -> None:
    """codespell over the content, with the project's word list for clinical terms."""
    out = _tool(root, ["codespell_lib", "--ignore-words", str(root / ".codespell-words.txt"),
                 "--skip", "es,mkdocs.es.yml", "docs", "mkdocs.yml", "CONTRIBUTING.md", "README.md"])
    for line in out.stdout.splitlines():
        m = re.match(r"(.+?):(\d+): (.+?) ==> (.+)", line)
        if m:
            problems.error(root / m.group(1), int(m.group(2)), f"possible misspelling {m.group(3)!r}",
                           f"did you mean {m.group(4)}? If the word is right, add it to .codespell-words.txt")


def check_markdown_style(root: Path, problems: Problems) -> None:
    """pymarkdown (markdownlint rules) with the committed .pymarkdown.json."""
    out = _tool(root, ["pymarkdown", "--config", str(root / ".pymarkdown.json"), "scan", "-r", "docs"])
    for line in out.stdout.splitlines():
        m = re.match(r"(.+?):(\d+):\d+: (MD\d+): (.+)", line)
        if m:
            problems.error(root / m.group(1), int(m.group(2)), f"Markdown style {m.group(3)}: {m.group(4)}",
                           "see CONTRIBUTING.md, 'Markdown style', for how to fix it")


def check_urls(root: Path, site: core.Build, problems: Problems, prefix: str = "/") -> None:
    """Every published page is listed in urls.txt (the promise to clinicians: links never break)."""
    listed = set((root / "urls.txt").read_text(encoding="utf-8").split()) if (root / "urls.txt").exists() else set()
    for page in sorted(site.pages.values(), key=lambda p: p.src):
        url = prefix + page_url(page.src)
        if url not in listed:
            problems.error(page.doc.path, 1, f"{url} is not in urls.txt",
                           f"add the line {url} to urls.txt (then never remove it: add a redirect instead)")


def editions(root: Path) -> list[Path]:
    """The settings of every edition: mkdocs.yml, then mkdocs.<code>.yml for each other language."""
    codes = [lang["code"] for lang in load_config(root / "mkdocs.yml").get("extra", {}).get("languages", [])[1:]]
    others = [root / f"mkdocs.{code}.yml" for code in codes]
    return [root / "mkdocs.yml"] + [path for path in others if path.exists()]


def load_edition(config_file: Path, today: dt.date | None = None) -> tuple[core.Build, Problems, dict]:
    """One edition's content, loaded as its build loads it."""
    config = load_config(config_file)
    root = config_file.parent
    source = config.get("extra", {}).get("translation_of")
    site, problems = core.load(root / config.get("docs_dir", "docs"), config.get("extra", {}), today,
                               language=config.get("theme", {}).get("language", "en"),
                               source=root / source if source else None, root=root, config_name=config_file.name)
    return site, problems, config


def run(root: Path, strict: bool = False, today: dt.date | None = None, tools: bool = True) -> Problems:
    """Every check over every edition of the project at `root`; `strict` turns warnings (review dates,
    readability, translations to update) into errors."""
    problems = Problems(root)
    for config_file in editions(root):
        site, found, config = load_edition(config_file, today)
        check_links(site, found)
        check_readability(site, found)
        code = site.language
        check_urls(root, site, found, "/" if site.source is None else f"/{code}/")
        problems.items += found.items
    if tools:
        check_spelling(root, problems)
        check_markdown_style(root, problems)
    if strict:
        problems.items = [p._replace(warning=False) for p in problems.items]
    return problems
