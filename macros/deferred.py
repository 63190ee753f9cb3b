"""Put off what mkdocs-macros 1.5 does at start-up for features this site does not use, until first use.

- It imports `requests` for YAML from the web. That import (urllib3, ssl, charset_normalizer, ...)
  costs about 4% of a build's CPU instructions and more of its time, so `macros.extension` defers
  it: MkDocs loads Markdown extensions before plugins.
- It runs 13 git commands at every build for its `git` variable, 2-4% of a build's time.
  `macros/hooks.py` has them run only if a page reads the variable.
"""
from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import ModuleType
from typing import Any


class _Finder:
    def __init__(self, names: set[str]):
        self.names = names

    def find_spec(self, name: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if name not in self.names:
            return None
        self.names.discard(name)  # once: a second import is answered from sys.modules
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


def defer(*names: str) -> None:
    """Make `import name` cheap for these top-level modules: each loads on first attribute access."""
    waiting = {name for name in names if name not in sys.modules}
    if waiting:
        sys.meta_path.insert(0, _Finder(waiting))


class Lazy(Mapping[str, Any]):
    """A read-only mapping that `read()` fills on first use."""

    def __init__(self, read: Callable[[], Mapping[str, Any] | None]):
        self._read = read
        self._data: Mapping[str, Any] | None = None

    def _get(self) -> Mapping[str, Any]:
        if self._data is None:
            self._data = self._read() or {}
        return self._data

    def __getitem__(self, key: str) -> Any:
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def defer_git_info() -> None:
    """Make mkdocs-macros' `git` variable run its git commands when a page first reads it (Jinja
    reads `git.commit` as `git["commit"]`), not at every build."""
    try:
        from mkdocs_macros import context
    except ImportError:  # another generator: nothing to defer
        return
    read = context.get_git_info
    if getattr(read, "func", None) is not Lazy:  # once, however often MkDocs starts up
        context.get_git_info = functools.partial(Lazy, read)
