"""Translations: each translated file records the version of the English file it was translated from.

`translated_from` is the first 12 hex digits of the source file's SHA-256. When the source changes, the
check warns and the page tells readers, in their language, that the translation may be out of date.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Problems

if TYPE_CHECKING:
    from .build import Build


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _shown(path: Path, problems: Problems) -> str:
    """A path as messages show it: from the project's folder."""
    return Path(os.path.relpath(path, problems.root)).as_posix() if problems.root else path.as_posix()


def _compare(path: Path, line: int, recorded: object, source: Path, problems: Problems) -> bool:
    """Report a translated file whose source is missing, unrecorded or changed; True when it is out of date."""
    if not source.exists():
        problems.error(path, 1, f"there is no {source.name} in the pages it translates",
                       "give a translation the same path and name as its source, or delete it")
        return False
    current = source_hash(source)
    if not recorded:
        problems.error(path, 1, "the translation does not record its source's version",
                       f"add `translated_from: {current}` (the version of the source it translates)")
        return False
    if str(recorded) != current:
        problems.warn(path, line, "its source has changed since it was translated",
                      f"update it from {_shown(source, problems)}, then set `translated_from: {current}`")
        return True
    return False


def check(build: Build, source: Path, problems: Problems) -> None:
    """Compare every translated page and checklist with its source; list sources with no translation."""
    for src, page in build.pages.items():
        doc = page.doc
        if _compare(doc.path, doc.line("translated_from"), doc.data.get("translated_from"), source / src, problems):
            build.outdated.add(src)
    for checklist in build.checklists.values():
        doc = checklist.doc
        _compare(doc.path, doc.line("translated_from"), doc.data.get("translated_from"),
                 source / "_data" / "checklists" / doc.path.name, problems)
    editions = {lang["code"] for lang in build.extra.get("languages", [])}
    for path in sorted(source.rglob("*.md")):
        src = path.relative_to(source).as_posix()
        if src.split("/")[0] not in {"_data", *editions} and src not in build.pages:
            problems.warn(path, 1, f"there is no translation of this page in {_shown(build.docs, problems)}",
                          f"translate it to {_shown(build.docs / src, problems)} (see CONTRIBUTING.md, languages)")
