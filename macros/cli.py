"""Editors' commands: `python -m macros.cli check | readability | build | new-page | new-term | new-checklist |
new-language | offline`, and `changes` for the pull request summary in CI."""
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

import yaml

from . import build as core
from . import checks
from .config import load_config
from .readability import SCALES, score

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "docs" / "_data" / "templates"
# The engines that build the guide (README, "Engines"). MkDocs and ProperDocs run from this interpreter
# (requirements.lock pins both); Zensical from its own virtualenv (requirements-zensical.lock).
ENGINES = ("mkdocs", "properdocs", "zensical")
QUIET = {"DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
OFFLINE = {"OFFLINE": "true", "REDIRECTS": "false"}  # what mkdocs.yml reads for the offline copy


def build_site(engine: str, site: Path, root: Path | None = None, config: str = "mkdocs.yml",
               **env: str) -> subprocess.CompletedProcess[str]:
    """A strict build of one edition (`config`) of the project at `root` into `site` with `engine`;
    `env` adds environment variables."""
    root = root or ROOT
    environ = {**os.environ, **QUIET, **env}
    if engine != "zensical":
        cmd = [sys.executable, "-m", engine, "build", "--strict", "-f", config, "--site-dir", str(site)]
        return subprocess.run(cmd, cwd=root, env=environ, capture_output=True, text=True, check=False)
    # Zensical has no --site-dir and writes only inside the project: the configs read SITE_DIR.
    inside = site.resolve().is_relative_to(root.resolve())
    out = site if inside else root / ".engines" / "zensical-build"
    shutil.rmtree(out, ignore_errors=True)
    environ["SITE_DIR"] = str(out)
    if config != "mkdocs.yml":
        # Zensical's INHERIT adds a child's lists (menu, plugins) to its parent's instead of replacing them,
        # as MkDocs does: give it the edition's settings already merged, beside the others.
        merged = root / f".zensical.{config}"
        merged.write_text(yaml.safe_dump(load_config(root / config, environ), allow_unicode=True), encoding="utf-8")
        config = merged.name
    cmd = [str(ROOT / ".venv-zensical" / "bin" / "zensical"), "build", "--strict", "--clean", "-f", config]
    result = subprocess.run(cmd, cwd=root, env=environ, capture_output=True, text=True, check=False)
    if not inside and out.exists():
        shutil.rmtree(site, ignore_errors=True)
        shutil.move(out, site)
    return result


def build_editions(engine: str, site: Path, root: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Every edition: the first language into `site`, each other into `site/<code>`, each at SITE_URL plus
    its code. The first build empties `site`, so it goes first. Returns the first failure, or the last build."""
    root = root or ROOT
    site_url = env.get("SITE_URL") or os.environ.get("SITE_URL")
    result = None
    for config in checks.editions(root):
        code = config.name.split(".")[1] if config.name != "mkdocs.yml" else ""
        extra = {"EDITION_URL": f"{site_url}{code}/"} if code and site_url else {}
        result = build_site(engine, site / code if code else site, root, config.name, **env, **extra)
        if result.returncode:
            return result
    assert result is not None
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
    for config_file in checks.editions(ROOT):
        site, _, _ = checks.load_edition(config_file)
        scale = SCALES[site.language]
        rows = []
        for src, page in site.pages.items():
            result = score(page.doc.body, language=site.language)
            if result.words >= checks.MIN_WORDS:
                rows.append((result.grade, src, result))
        print(f"== {config_file.name}: {scale.name}, hardest first")
        for grade, src, result in sorted(rows, reverse=not scale.easier_above):
            print(f"{grade:5.1f}  {src}  ({result.words} words)")
            for g, sentence in result.hardest:
                print(f"        {g:5.1f}  {sentence[:110]}")
        if rows:
            print(f"median {statistics.median(r[0] for r in rows):.1f} over {len(rows)} pages "
                  f"(target {scale.target:.0f}, limit {scale.limit:.0f})")
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
    urls = ROOT / "urls.txt"
    urls.write_text(urls.read_text(encoding="utf-8").rstrip("\n") + f"\n{url}\n", encoding="utf-8")
    print(f"added {url} to urls.txt")
    print("next: replace every TODO: in the file(s) with your own words"
          + ("" if kind == "new-term" else f", add {targets[-1][1][5:]} to the nav in mkdocs.yml")
          + ", then run `make check`.")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Every edition into `site/` (the first language) and `site/<code>/`."""
    result = build_editions(args.engine, ROOT / args.site_dir)
    print(result.stdout + result.stderr, file=sys.stderr)
    return result.returncode


def cmd_new_language(args: argparse.Namespace) -> int:
    """Scaffold an edition: mkdocs.<code>.yml with the English words and menu to translate, and its folders."""
    code = (args.code or "").strip().lower()
    if not re.fullmatch(r"[a-z]{2,3}", code) or code == "en":
        print("new-language: give a language code, like `make new-language LANG=fr`", file=sys.stderr)
        return 2
    config = ROOT / f"mkdocs.{code}.yml"
    if config.exists():
        print(f"{config.name}:1: already exists - edit it, or choose another code", file=sys.stderr)
        return 1
    english = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = english.find("\nnav:") if "\nnav:" in english else len(english)
    words, menu = english[english.index("  text:\n"):nav], english[nav:]
    spanish = (ROOT / "mkdocs.es.yml").read_text(encoding="utf-8")
    settings = spanish[:spanish.index("\nextra:")].replace("docs/es", f"docs/{code}").replace(
        "site/es", f"site/{code}").replace("/es/", f"/{code}/").replace('"es/"', f'"{code}/"').replace(
        "language: es", f"language: {code}").replace("lang: es", f"lang: {code}")
    config.write_text(
        f"{settings}\n# TODO: translate every value below (keep the keys and the {{placeholders}}), choose a neutral\n"
        "# quick-exit site, the content-note words and the search pipeline (see README, Languages).\n"
        f"extra:\n  translation_of: docs\n  quick_exit_url: https://www.bbc.co.uk/weather\n  content_note_words: []\n"
        f"{words}{menu}", encoding="utf-8")
    (ROOT / "docs" / code / "_data" / "help-lines").mkdir(parents=True, exist_ok=True)
    print(f"wrote {config.name} and docs/{code}/\n"
          f"next: add `- {{code: {code}, name: ...}}` to `extra: languages:` and `{code}/` to `exclude_docs:` in\n"
          f"mkdocs.yml; translate the words in {config.name}; write docs/{code}/_data/help-lines/{code}.yml with\n"
          f"verified lines; then translate pages into docs/{code}/ (see CONTRIBUTING.md, languages).")
    return 0


def cmd_offline(args: argparse.Namespace) -> int:
    """A copy of each edition that works opened from disk (file://), search included:
    dist/<name>-offline.zip for the first language, dist/<name>-<code>-offline.zip for each other."""
    (ROOT / "dist").mkdir(exist_ok=True)
    for config in checks.editions(ROOT):
        code = config.name.split(".")[1] if config.name != "mkdocs.yml" else ""
        name = f"{args.name}-{code}" if code else args.name
        with tempfile.TemporaryDirectory() as tmp:
            result = build_site(args.engine, Path(tmp) / name, config=config.name, **OFFLINE)
            if result.returncode:
                print(result.stdout + result.stderr, file=sys.stderr)
                return 1
            archive = shutil.make_archive(str(ROOT / "dist" / f"{name}-offline"), "zip", tmp, name)
        print(f"wrote {Path(archive).relative_to(ROOT)}")
    return 0


def changed_pages(site: core.Build, files: list[str], docs: str) -> list[core.Page]:
    """The pages of an edition (its folder `docs`, from the project's root) whose text a change to `files`
    alters, by file name."""
    srcs: set[str] = set()
    others = {lang["code"] for lang in site.extra.get("languages", [])[1:]} if site.source is None else set()
    for name in files:
        path = Path(name)
        if not path.is_relative_to(docs) or path.relative_to(docs).parts[0] in others:
            continue
        rel = path.relative_to(docs).as_posix()
        if rel in site.pages:
            srcs.add(rel)
        elif rel.startswith("_data/checklists/") and path.stem in site.checklist_pages:
            srcs.add(site.checklist_pages[path.stem])
        elif rel.startswith("_data/references/"):
            srcs.update(src for src, page in site.pages.items() if path.stem in page.meta.get("references", []))
    return sorted((site.pages[src] for src in srcs), key=lambda p: p.src)


def cmd_changes(args: argparse.Namespace) -> int:
    """Markdown for the pull request's job summary: each changed page with its readability and checks."""
    diff = subprocess.run(["git", "diff", "--name-only", "--diff-filter=AMR", args.base, "HEAD", "--", "docs"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if diff.returncode:
        print(f"changes: git diff from {args.base} failed: {diff.stderr.strip()}", file=sys.stderr)
        return 1
    print("### Pages whose text changed\n")
    editions = [(config, *checks.load_edition(config)) for config in checks.editions(ROOT)]
    changed = [(site, page) for config, site, _, settings in editions
               for page in changed_pages(site, diff.stdout.split(), settings.get("docs_dir", "docs"))]
    if not changed:
        print("No page's text changed.")
        return 0
    problems = checks.run(ROOT)
    print("| Page | File | Readability | Content check |\n| --- | --- | --- | --- |")
    for site, page in changed:
        scale, result = SCALES[site.language], score(page.doc.body, language=site.language)
        missed = " (misses the target)" if scale.too_hard(result.grade, scale.target) else ""
        grade = f"{scale.name} {result.grade:.1f}{missed}" if result.words >= checks.MIN_WORDS else "short page"
        path = Path(os.path.relpath(page.doc.path, ROOT)).as_posix()
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
    language = sub.add_parser("new-language", help="scaffold mkdocs.<code>.yml and docs/<code>/ for a new edition")
    language.add_argument("code", nargs="?")
    language.set_defaults(func=cmd_new_language)
    build = sub.add_parser("build", help="build every edition strictly into site/ and site/<code>/")
    build.add_argument("--site-dir", default="site")
    build.add_argument("--engine", choices=ENGINES, default="mkdocs")
    build.set_defaults(func=cmd_build)
    offline = sub.add_parser("offline", help="write dist/<name>-offline.zip, one per edition")
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
