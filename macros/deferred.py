"""Import a module only when code first uses it, for dependencies that import what builds never use.

mkdocs-macros 1.5 imports `requests` at start-up for one feature this site does not use (YAML from
the web). That import (urllib3, ssl, charset_normalizer, ...) costs about 4% of a build's CPU
instructions and more of its time, so `macros.extension` defers it: MkDocs loads Markdown extensions
before plugins.
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from types import ModuleType


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
