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
from .readability import score
from .syntax import ANCHOR_ATTR, IMG_WITHOUT_ALT, LINK, SCHEME
from .urls import page_url

GRADE_TARGET, GRADE_LIMIT, MEDIAN_LIMIT = 8.0, 10.0, 8.0
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
    """Flesch-Kincaid grade per page: over 8 is a warning, over 10 an error; also the median."""
    grades: dict[str, float] = {}
    for src, page in site.pages.items():
        result = score(page.doc.body)
        if result.words < MIN_WORDS:
            continue
        grades[src] = result.grade
        if result.grade > GRADE_TARGET:
            hardest = " | ".join(f"({g:.0f}) {s[:90]}" for g, s in result.hardest)
            report = problems.error if result.grade > GRADE_LIMIT else problems.warn
            report(page.doc.path, page.doc.body_line, f"reading grade {result.grade} is over {GRADE_TARGET:.0f}",
                   f"shorten these sentences and use everyday words: {hardest}")
    if grades and statistics.median(grades.values()) > MEDIAN_LIMIT:
        problems.error("docs", 1, f"the median reading grade is {statistics.median(grades.values()):.1f}",
                       f"bring the median to {MEDIAN_LIMIT:.0f} or lower: see `make readability`")
    return grades


def _tool(root: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=root, capture_output=True, text=True, check=False)


def check_spelling(root: Path, problems: Problems) -> None:
    """codespell over the content, with the project's word list for clinical terms."""
    out = _tool(root, ["codespell_lib", "--ignore-words", str(root / ".codespell-words.txt"),
                 "docs", "mkdocs.yml", "CONTRIBUTING.md", "README.md"])
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


def check_urls(root: Path, site: core.Build, problems: Problems) -> None:
    """Every published page is listed in urls.txt (the promise to clinicians: links never break)."""
    listed = set((root / "urls.txt").read_text(encoding="utf-8").split()) if (root / "urls.txt").exists() else set()
    for page in sorted(site.pages.values(), key=lambda p: p.src):
        url = "/" + page_url(page.src)
        if url not in listed:
            problems.error(page.doc.path, 1, f"{url} is not in urls.txt",
                           f"add the line {url} to urls.txt (then never remove it: add a redirect instead)")


def run(root: Path, strict: bool = False, today: dt.date | None = None, tools: bool = True) -> Problems:
    """Every check over the project at `root`; `strict` turns warnings (review dates, grade) into errors."""
    config = load_config(root / "mkdocs.yml")
    site, problems = core.load(root / "docs", config.get("extra", {}), today,
                               language=config.get("theme", {}).get("language", "en"))
    check_links(site, problems)
    check_readability(site, problems)
    check_urls(root, site, problems)
    if tools:
        check_spelling(root, problems)
        check_markdown_style(root, problems)
    if strict:
        problems.items = [p._replace(warning=False) for p in problems.items]
    return problems

