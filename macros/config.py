"""Read mkdocs.yml outside MkDocs (for `make check`, the CLI and the tests)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's `!ENV [NAME, default]` reads the environment, as MkDocs does; Python tags are ignored."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[v] for v in variables if v in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_config(path: Path) -> dict[str, Any]:
    """The settings in `path` (a mkdocs.yml), with `INHERIT:` followed as MkDocs follows it."""
    config = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_ConfigLoader) or {}
    parent = config.pop("INHERIT", None)
    if parent:
        base = load_config(path.parent / parent)
        config = _merge(base, config)
    return config


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """MkDocs' merge: mappings merge key by key; anything else in `over` replaces what `base` has."""
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out
