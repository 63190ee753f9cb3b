"""Read mkdocs.yml outside MkDocs (for `make check`, the CLI and the tests)."""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's `!ENV [NAME, default]` reads the environment, as MkDocs does; Python tags are ignored."""

    environ: Mapping[str, str] = os.environ


def _env(loader: _ConfigLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((loader.environ[v] for v in variables if v in loader.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_config(path: Path, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The settings in `path` (a mkdocs.yml), with `INHERIT:` followed as MkDocs follows it; `!ENV` reads
    `environ` (by default, this process's environment)."""
    loader = _ConfigLoader(path.read_text(encoding="utf-8-sig"))
    loader.environ = os.environ if environ is None else environ
    try:
        config = loader.get_single_data() or {}
    finally:
        loader.dispose()
    parent = config.pop("INHERIT", None)
    if parent:
        config = _merge(load_config(path.parent / parent, environ), config)
    return config


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """MkDocs' merge: mappings merge key by key; anything else in `over` replaces what `base` has."""
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out
