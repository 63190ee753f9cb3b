"""Editors' commands: `python -m macros.cli check | readability | new-page | new-term | new-checklist | offline`,
and `changes` for the pull request summary in CI."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from . import build as core
from . import checks
from .config import load_config
from .readability import score

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "docs" / "_data" / "templates"
# The engines that build the guide (README, "Engines"). MkDocs and ProperDocs run from this interpreter
# (requirements.lock pins both); Zensical from its own virtualenv (requirements-zensical.lock).
ENGINES = ("mkdocs", "properdocs", "zensical")
QUIET = {"DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
OFFLINE = {"OFFLINE": "true", "REDIRECTS": "false"}  # what mkdocs.yml reads for the offline copy


def build_site(engine: str, site: Path, root: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """A strict build of the project at `root` into `site` with `engine`; `env` adds environment variables."""
    root = root or ROOT
    environ = {**os.environ, **QUIET, **env}
    if engine != "zensical":
        cmd = [sys.executable, "-m", engine, "build", "--strict", "--site-dir", str(site)]
        return subprocess.run(cmd, cwd=root, env=environ, capture_output=True, text=True, check=False)
    # Zensical has no --site-dir and writes only inside the project: mkdocs.yml reads SITE_DIR.
    inside = site.resolve().is_relative_to(root.resolve())
    out = site if inside else root / ".engines" / "zensical-build"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [str(ROOT / ".venv-zensical" / "bin" / "zensical"), "build", "--strict", "--clean", "-f", "mkdocs.yml"]
    result = subprocess.run(cmd, cwd=root, env={**environ, "SITE_DIR": str(out)}, capture_output=True,
                            text=True, check=False)
    if not inside and out.exists():
        shutil.rmtree(site, ignore_errors=True)
        shutil.move(out, site)
    return result


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def cmd_check(args: argparse.Namespace) -> int:
    problems = checks.run(ROOT, strict=args.strict, tools=not args.fast)
    for p in sorted(problems.items):
        print(p)
    errors, warnings = len(problems.errors), len(problems.items) - len(problems.errors)
    print(f"check: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def cmd_readability(args: argparse.Namespace) -> int:
    site, _ = core.load(ROOT / "docs", {})
    rows = []
    for src, page in site.pages.items():
        result = score(page.doc.body)
        if result.words >= checks.MIN_WORDS:
            rows.append((result.grade, src, result))
    for grade, src, result in sorted(rows, reverse=True):
        print(f"{grade:5.1f}  {src}  ({result.words} words)")
        for g, sentence in result.hardest:
            print(f"        {g:5.1f}  {sentence[:110]}")
    if rows:
        print(f"median grade {statistics.median(r[0] for r in rows):.1f} over {len(rows)} pages "
              f"(target {checks.GRADE_TARGET:.0f} or lower, none above {checks.GRADE_LIMIT:.0f})")
    return 0


def _new(kind: str, title: str | None) -> int:
    title = (title or input(f"Title of the new {kind.split('-')[1]}: ")).strip()
    slug = slugify(title)
    if not slug:
        print("new: the title needs at least one letter or digit", file=sys.stderr)
        return 2
    today = dt.date.today()
    values = {"title": title, "slug": slug, "today": today.isoformat(),
              "due": today.replace(year=today.year + 1).isoformat()}
    targets = {
        "new-page": [("page.md", f"docs/{slug}.md")],
        "new-term": [("term.md", f"docs/glossary/{slug}.md")],
        "new-checklist": [("checklist.yml", f"docs/_data/checklists/{slug}.yml"),
                          ("checklist-page.md", f"docs/checklists/{slug}.md")],
    }[kind]
    for _, dest in targets:
        if (ROOT / dest).exists():
            print(f"{dest}:1: already exists - choose another title, or edit that file", file=sys.stderr)
            return 1
    for template, dest in targets:
        text = (TEMPLATES / template).read_text(encoding="utf-8")
        (ROOT / dest).write_text(re.sub(r"<<(\w+)>>", lambda m: values[m.group(1)], text), encoding="utf-8")
        print(f"wrote {dest}")
    url = {"new-page": f"/{slug}/", "new-term": f"/glossary/{slug}/", "new-checklist": f"/checklists/{slug}/"}[kind]
    print(f"next: fill in the file(s), add {url} to urls.txt"
          + ("" if kind == "new-term" else f", and add {targets[-1][1][5:]} to the nav in mkdocs.yml")
          + ", then run `make check`.")
    return 0


def cmd_offline(args: argparse.Namespace) -> int:
    """A copy that works opened from disk (file://), search included: dist/<name>-offline.zip."""
    name = args.name
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / name
        result = build_site(args.engine, site, **OFFLINE)
        if result.returncode:
            print(result.stdout + result.stderr, file=sys.stderr)
            return 1
        (ROOT / "dist").mkdir(exist_ok=True)
        archive = shutil.make_archive(str(ROOT / "dist" / f"{name}-offline"), "zip", tmp, name)
    print(f"wrote {Path(archive).relative_to(ROOT)}")
    return 0


def changed_pages(site: core.Build, files: list[str]) -> list[core.Page]:
    """The pages whose text a change to `files` (paths from the project's root) alters, by file name."""
    srcs: set[str] = set()
    for name in files:
        path = Path(name)
        if path.parts[:1] != ("docs",):
            continue
        rel = path.relative_to("docs").as_posix()
        if rel in site.pages:
            srcs.add(rel)
        elif rel.startswith("_data/checklists/") and path.stem in site.checklist_pages:
            srcs.add(site.checklist_pages[path.stem])
        elif rel.startswith("_data/references/"):
            srcs.update(src for src, page in site.pages.items() if path.stem in page.meta.get("references", []))
    return sorted((site.pages[src] for src in srcs), key=lambda p: p.src)


def cmd_changes(args: argparse.Namespace) -> int:
    """Markdown for the pull request's job summary: each changed page with its reading grade and checks."""
    diff = subprocess.run(["git", "diff", "--name-only", "--diff-filter=AMR", args.base, "HEAD", "--", "docs"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if diff.returncode:
        print(f"changes: git diff from {args.base} failed: {diff.stderr.strip()}", file=sys.stderr)
        return 1
    config = load_config(ROOT / "mkdocs.yml")
    site, _ = core.load(ROOT / "docs", config.get("extra", {}))
    pages = changed_pages(site, diff.stdout.split())
    print("### Pages whose text changed\n")
    if not pages:
        print("No page's text changed.")
        return 0
    problems = checks.run(ROOT)
    print("| Page | File | Reading grade | Content check |\n| --- | --- | --- | --- |")
    for page in pages:
        result = score(page.doc.body)
        grade = (f"{result.grade:.1f}" + (" (over 8)" if result.grade > checks.GRADE_TARGET else "")
                 if result.words >= checks.MIN_WORDS else "short page, not graded")
        path = f"docs/{page.src}"
        found = [f"line {p.line}: {'warning: ' if p.warning else ''}{p.what}" for p in problems.items if p.path == path]
        cell = "<br>".join(f.replace("|", "\\|") for f in found) or "no problems"
        print(f"| {page.title.replace('|', '-')} | `{path}` | {grade} | {cell} |")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.cli", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="every content check; exit 1 on any error")
    check.add_argument("--strict", action="store_true", help="treat warnings (review dates, grade) as errors")
    check.add_argument("--fast", action="store_true", help="skip spelling and Markdown style (for pre-commit)")
    check.set_defaults(func=cmd_check)
    sub.add_parser("readability", help="each page's reading grade, hardest sentences first").set_defaults(
        func=cmd_readability)
    for kind in ("new-page", "new-term", "new-checklist"):
        p = sub.add_parser(kind, help=f"write a valid starter file ({kind[4:]})")
        p.add_argument("title", nargs="?")
        p.set_defaults(func=lambda a, k=kind: _new(k, a.title))
    offline = sub.add_parser("offline", help="write dist/<name>-offline.zip")
    offline.add_argument("--name", default="rebuilding-trust")
    offline.add_argument("--engine", choices=ENGINES, default="mkdocs")
    offline.set_defaults(func=cmd_offline)
    changes = sub.add_parser("changes", help="Markdown summary of the pages changed since --base (for CI)")
    changes.add_argument("--base", required=True, help="the commit the pull request starts from")
    changes.set_defaults(func=cmd_changes)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
