"""Reading YAML: the data as PyYAML's safe loader gives it, with the line of every key and item."""
from __future__ import annotations

from pathlib import Path

import pytest

from macros.errors import Problems
from macros.source import _Loader, parse_yaml


@pytest.mark.parametrize("text", [
    "title: Hello\nreferences: [a, b]\nitems:\n  - id: x\n    needs_support: true\n    min: 0\n    max: 1.5\n",
    "base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n",  # merge keys and aliases
    "1: one\ntrue: yes\nempty:\nnull_value: ~\n",  # keys that are not text, values that are not either
    "reviewed: 2026-01-31\nquoted: '12'\nexplicit: !!str 12\n",  # dates stay text (see `_Loader`)
])
def test_data_is_what_the_safe_loader_builds(text: str) -> None:
    loader = _Loader(text)
    expected = loader.get_single_data()
    loader.dispose()
    parsed = parse_yaml(text, Path("x.yml"), Problems())
    assert parsed is not None and parsed[0] == expected


def test_lines_of_keys_and_items() -> None:
    parsed = parse_yaml("title: T\nitems:\n  - id: a\n  - id: b\n", Path("x.yml"), Problems(), offset=1)
    assert parsed is not None
    assert parsed[1] == {"title": 2, "items": 3, "items.0": 4, "items.0.id": 4, "items.1": 5, "items.1.id": 5}


@pytest.mark.parametrize("text", ["a: !python/name:os.system x\n", "? [a, b]\n: a list as a key\n"])
def test_what_the_safe_loader_refuses_is_reported(text: str) -> None:
    problems = Problems()
    assert parse_yaml(text, Path("x.yml"), problems) is None
    assert "does not parse" in str(problems.items[0])
