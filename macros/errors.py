"""The one path every content problem takes: a located, fixable message."""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class Problem(NamedTuple):
    """One content mistake, printed as `path:line: what is wrong - how to fix it`."""

    path: str
    line: int
    what: str
    fix: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {kind}{self.what} - {self.fix}"


class ContentError(Exception):
    """Raised when content has errors; carries every problem found in one run."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """Collects problems so that one run reports all of them together."""

    def __init__(self, root: Path | None = None):
        self.root = root
        self.items: list[Problem] = []

    def _rel(self, path: Path | str) -> str:
        path = Path(path)
        if self.root is not None:
            try:
                return path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    def error(self, path: Path | str, line: int, what: str, fix: str) -> None:
        self.items.append(Problem(self._rel(path), max(line, 1), what, fix))

    def warn(self, path: Path | str, line: int, what: str, fix: str) -> None:
        self.items.append(Problem(self._rel(path), max(line, 1), what, fix, warning=True))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentError(self.errors)
