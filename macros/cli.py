"""Editors' commands: `python -m macros.cli check | readability | build | new-page | new-term | new-checklist |
offline`."""
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

from . import checks
from .readability import SCALES, score

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "docs" / "_data" / "templates"


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


def build_editions(site: Path, root: Path = ROOT, **env: str) -> int:
    """Build every edition strictly: the first language into `site`, each other into `site/<code>`.

    The first build empties `site`, so it goes first. Each edition's address is SITE_URL plus its code.
    """
    base = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1", **env}
    for config_file in checks.editions(root):
        code = config_file.name.split(".")[1] if config_file.name != "mkdocs.yml" else ""
        edition_env = dict(base)
        if code and base.get("SITE_URL"):
            edition_env["EDITION_URL"] = base["SITE_URL"] + f"{code}/"
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file),
               "--site-dir", str(site / code if code else site)]
        if subprocess.run(cmd, cwd=root, env=edition_env, check=False).returncode:
            return 1
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Every edition into `site/` (English) and `site/<code>/`."""
    return build_editions(ROOT / args.site_dir)


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
    for config_file in checks.editions(ROOT):
        code = config_file.name.split(".")[1] if config_file.name != "mkdocs.yml" else ""
        name = f"{args.name}-{code}" if code else args.name
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "OFFLINE": "true", "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
            cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file),
                   "--site-dir", str(Path(tmp) / name)]
            if subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode:
                return 1
            archive = shutil.make_archive(str(ROOT / "dist" / f"{name}-offline"), "zip", tmp, name)
        print(f"wrote {Path(archive).relative_to(ROOT)}")
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
    build.set_defaults(func=cmd_build)
    offline = sub.add_parser("offline", help="write dist/<name>-offline.zip, one per edition")
    offline.add_argument("--name", default="rebuilding-trust")
    offline.set_defaults(func=cmd_offline)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
