"""`make bench`: build speed, scaling, serve rebuild time and page weight, printed as one table.

Timings are noisy on shared machines, so they live here and never in tests (tests enforce bytes).
"""
from __future__ import annotations

import gzip
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},  # as users build
       "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
RUNS = 11  # fewer let one noisy minute move the overhead by several points
WORDS = ("you may notice that your body feels calm when people keep their word and it is fine to go "
         "slowly and take small steps at your own pace with people who listen").split()


def build_once(config: Path) -> float:
    """Seconds for one build. Not strict: with -q, MkDocs drops warnings before --strict counts them."""
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", out]
        start = time.perf_counter()
        result = subprocess.run(cmd, cwd=config.parent, env=ENV, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"build failed for {config}:\n{result.stdout}{result.stderr}")
    return seconds


def interleaved(configs: dict[str, Path], runs: int) -> dict[str, list[float]]:
    """Build each config in turn, `runs` rounds: neighbours in time share the machine's mood.

    Every other round runs in reverse order, so a machine that speeds up or slows down during a round
    does not favour whichever config comes first.
    """
    times: dict[str, list[float]] = {name: [] for name in configs}
    for round_ in range(runs):
        order = list(configs.items())
        for name, config in order if round_ % 2 == 0 else reversed(order):
            times[name].append(build_once(config))
    return times


def instructions(configs: dict[str, Path]) -> dict[str, int] | None:
    """CPU instructions of one build of each config, counted by valgrind (None without valgrind).

    Unlike time, the count hardly changes from run to run, so small changes show. It leaves out the
    kernel's work and waits for the disk: the real build also writes a QR code image for every page,
    and on a machine where creating a file is slow the timed overhead reads a few points higher.
    """
    if shutil.which("valgrind") is None:
        return None
    env = {**ENV, "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryDirectory() as out:
        procs = {name: subprocess.Popen(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-m", "mkdocs",
             "build", "-q", "-f", str(config), "-d", f"{out}/{name}"],
            cwd=config.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for name, config in configs.items()}
        counts = {name: re.search(r"Collected : (\d+)", proc.communicate()[1]) for name, proc in procs.items()}
    if not all(counts.values()):
        raise SystemExit("valgrind did not report an instruction count")
    return {name: int(m.group(1)) for name, m in counts.items() if m}


def config_text(nav: bool = True, macros: bool = True, module: bool = True) -> str:
    """mkdocs.yml, optionally without the macros plugin and extension, or with both doing nothing."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not nav:
        text = text[: text.index("\nnav:")] + "\n"
    if not module:  # mkdocs-macros loads, but no module and no page goes through Jinja; the extension
        # stays, idle without a build
        return text.replace("module_name: macros", "module_name: main").replace(
            "render_by_default: true", "render_by_default: false")
    if not macros:
        text = re.sub(r"  - macros:\n(?:      .*\n)+", "", text)
        text = text.replace("  - macros.extension", "  # - macros.extension")
    return text


def project_copy(tmp: Path, config: str, docs: Path | None = None) -> Path:
    root = tmp
    shutil.copytree(docs or ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "macros").symlink_to(ROOT / "macros")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root / "mkdocs.yml"


def synthetic(tmp: Path, pages: int, terms: int) -> Path:
    """A site of `pages` pages of realistic prose full of `terms` glossary terms; checklists on some."""
    rng = random.Random(pages * 7919 + terms)
    docs = tmp / "docs"
    shutil.copytree(ROOT / "docs" / "_data" / "references", docs / "_data" / "references")
    (docs / "_data" / "checklists").mkdir()
    for c in range(7):
        items = "".join(f"  - id: item-{i}\n    text: I notice thing {i}.\n    link: glossary/term-{i}.md\n"
                        for i in range(8))
        (docs / "_data" / "checklists" / f"list-{c}.yml").write_text(
            f"id: list-{c}\ntitle: List {c}\nintro: A list.\ninstructions: Tick any.\nitems:\n{items}bands:\n"
            "  - min: 0\n    max: 4\n    reflection: Go gently.\n    next: [index.md]\n"
            "  - min: 5\n    max: 8\n    reflection: Keep going.\n    next: [glossary/index.md]\n")
    (docs / "glossary").mkdir(parents=True)
    fm = "---\ntitle: {}\ndescription: A page.\nreviewed: 2026-01-01\nreview_due: 2099-01-01\nreferences: [{}]\n---\n\n"
    names = [f"calm{i} word{i % 17}" for i in range(terms)]
    for i, name in enumerate(names):
        (docs / "glossary" / f"term-{i}.md").write_text(
            "---\n" f"title: {name.capitalize()}\ndefinition: A short plain meaning of term {i}.\n"
            f"aliases: [alias{i} phrase]\nrelated: [term-{(i + 1) % terms}]\nreferences: []\n"
            "reviewed: 2026-01-01\nreview_due: 2099-01-01\n---\n\nSome words about it.\n", encoding="utf-8")
    (docs / "glossary" / "index.md").write_text(fm.format("Glossary", "") + "{{ glossary_index() }}\n")
    refs = sorted(p.stem for p in (docs / "_data" / "references").glob("*.yml"))
    (docs / "references.md").write_text(fm.format("References", ", ".join(refs)) + "{{ reference_list() }}\n")
    (docs / "get-help.md").write_text(fm.format("Get help now", "") + "{{ crisis_lines() }}\n")
    checklists = sorted(p.stem for p in (docs / "_data" / "checklists").glob("*.yml"))
    for i in range(pages):
        body = []
        for s in range(6):
            body.append(f"## Section {s} {{#s{s}}}\n")
            sentence = lambda: " ".join(rng.choice(WORDS) for _ in range(12))  # noqa: E731
            body.append(" ".join(f"{sentence()} {rng.choice(names)} {sentence()}." for _ in range(4)) + "\n")
        if i < len(checklists):
            body.append(f"{{{{ checklist('{checklists[i]}') }}}}\n")
        ref = refs[i % len(refs)]
        body.append(f"A cited fact {{{{ cite('{ref}') }}}}.\n")
        (docs / f"page-{i}.md").write_text(fm.format(f"Page {i}", ref) + "\n".join(body), encoding="utf-8")
    (docs / "index.md").write_text(fm.format("Home", "") + "Home.\n")
    # A fixed menu, as on the real site, where term pages are not in the menu either: the theme renders
    # the whole menu on every page, which would otherwise measure the theme rather than this project.
    config = config_text(nav=False).replace("  /glossary/*.md\n", "  /glossary/*.md\n  /page-*.md\n")
    config += "nav:\n  - index.md\n  - glossary/index.md\n  - references.md\n  - get-help.md\n"
    return project_copy(tmp / "project", config, docs)


def weight(site: Path, url: str) -> dict[str, tuple[int, int]]:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    out = {"html": [len(html.encode()), len(gzip.compress(html.encode()))], "css": [0, 0], "js": [0, 0]}
    for kind, pattern in (("css", r'<link rel="stylesheet" href="([^"]+)"'), ("js", r'<script src="([^"]+)"')):
        for ref in re.findall(pattern, html):
            data = (site / url / ref).resolve().read_bytes()
            out[kind][0] += len(data)
            out[kind][1] += len(gzip.compress(data))
    return {k: (v[0], v[1]) for k, v in out.items()}


def serve_rebuild_seconds(config: Path) -> float:
    """Seconds from saving one page to `mkdocs serve` finishing its rebuild."""
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", "127.0.0.1:8765"],
                            cwd=config.parent, env=ENV, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if "Serving on" in line:
                break
        page = config.parent / "docs" / "steps" / "setbacks.md"
        start = time.perf_counter()
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
        for line in proc.stderr:
            if "Reloading browsers" in line or "Documentation built" in line:
                return time.perf_counter() - start
        return float("nan")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def percent(ratio: float) -> str:
    return f"{(ratio - 1) * 100:.1f}%"


def main() -> None:
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        configs = {"real": project_copy(Path(tmp) / "real", config_text()),
                   "plain": project_copy(Path(tmp) / "plain", config_text(macros=False)),
                   "bare": project_copy(Path(tmp) / "bare", config_text(macros=False, module=False))}
        build_once(configs["real"])  # a first build fills the QR code cache, as any earlier build would have
        times = interleaved(configs, RUNS)
        real, plain = statistics.median(times["real"]), statistics.median(times["plain"])
        # Each real build against the plain build next to it, so a slow minute does not skew the ratio.
        ratio = statistics.median(r / p for r, p in zip(times["real"], times["plain"], strict=True))
        startup = statistics.median(b / p for b, p in zip(times["bare"], times["plain"], strict=True))
        rows += [(f"real site build (median of {RUNS})", f"{real:.2f} s"),
                 ("plain MkDocs + Material, same Markdown", f"{plain:.2f} s"),
                 ("project overhead (target <= 15%)", percent(ratio)),
                 ("  of which start-up: mkdocs-macros and the project code, no content", percent(startup))]
        counts = instructions(configs)
        if counts:
            rows += [("project overhead in CPU instructions (valgrind)", percent(counts["real"] / counts["plain"])),
                     ("  of which start-up", percent(counts["bare"] / counts["plain"]))]
        per_page = {}
        for pages, terms in ((100, 100), (1000, 100), (100, 1000), (500, 1000), (1000, 1000)):
            work = Path(tmp) / f"syn-{pages}-{terms}"
            work.mkdir()
            seconds = build_once(synthetic(work, pages, terms))
            built = pages + terms  # every term has its own page too
            per_page[(pages, terms)] = seconds / built
            rows.append((f"synthetic: {pages} pages, {terms} terms ({built} built)",
                         f"{seconds:.1f} s, {seconds / built * 1000:.1f} ms/page"))
            shutil.rmtree(work)
        ratio = per_page[(1000, 1000)] / per_page[(100, 100)]
        rows.append(("per-page cost 1000p/1000t vs 100p/100t (target <= 1.2)", f"{ratio:.2f}x"))
        rows.append(("mkdocs serve rebuild after editing one page",
                     f"{serve_rebuild_seconds(project_copy(Path(tmp) / 'serve', config_text())):.2f} s"))
        site = Path(tmp) / "weigh"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, env=ENV, check=True)
        for label, url in (("home page", ""), ("checklist page", "checklists/readiness/")):
            w = weight(site, url)
            total = sum(v[1] for v in w.values())
            detail = ", ".join(f"{k} {v[0] / 1024:.1f} KB ({v[1] / 1024:.1f} gz)" for k, v in w.items())
            rows.append((f"first visit, {label} (target <= 90 KB gz)", f"{total / 1024:.1f} KB gz: {detail}"))
        scripts = ("site.js", "checklists.js", "boot.js", "palette.js")
        own = sum((site / "assets/js" / n).stat().st_size for n in scripts)
        rows.append(("project scripts (target < 10 KB)", f"{own / 1024:.1f} KB"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  result\n{'-' * width}  ------")
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")


if __name__ == "__main__":
    main()
