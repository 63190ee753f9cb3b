"""Reading content files: the data as YAML's safe loader gives it, the line of every key, and a clear
message for every file that cannot be read."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.errors import Problems
from macros.source import parse_yaml, read_data, read_page


@pytest.mark.parametrize("text", [
    "title: Hello\nreferences: [a, b]\nitems:\n  - id: x\n    needs_support: true\n    min: 0\n    max: 1.5\n",
    "base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n",  # merge keys and aliases
    "empty:\nnull_value: ~\nanswer: yes\n",  # values that are not text
])
def test_data_is_what_the_safe_loader_builds(text: str) -> None:
    parsed = parse_yaml(text, Path("x.yml"), Problems())
    assert parsed is not None and parsed[0] == yaml.safe_load(text)


def test_dates_stay_text_so_the_schema_can_explain_bad_ones() -> None:
    parsed = parse_yaml("reviewed: 2026-01-31\nbad: 2026-02-30\n", Path("x.yml"), Problems())
    assert parsed is not None and parsed[0] == {"reviewed": "2026-01-31", "bad": "2026-02-30"}


def test_lines_of_keys_and_items() -> None:
    parsed = parse_yaml("title: T\nitems:\n  - id: a\n  - id: b\n", Path("x.yml"), Problems(), offset=1)
    assert parsed is not None
    assert parsed[1] == {"title": 2, "items": 3, "items.0": 4, "items.0.id": 4, "items.1": 5, "items.1.id": 5}


@pytest.mark.parametrize(("text", "message"), [
    ("a: !python/name:os.system x\n", "the YAML does not parse"),
    ("? [a, b]\n: a list as a key\n", "the YAML does not parse"),
    ("1: one\n", "a field name is not plain text"),
    ("- a\n- b\n", "the data is a list, not a list of `key: value` lines"),
])
def test_what_is_not_a_mapping_of_fields_is_reported(text: str, message: str) -> None:
    problems = Problems()
    assert parse_yaml(text, Path("x.yml"), problems) is None
    assert message in str(problems.items[0])


@pytest.mark.parametrize(("content", "message"), [
    ("title: Café\n".encode("latin-1"), "x.yml:1: the file is not saved as UTF-8 - save it again as UTF-8"),
    (b"title: ok\n\x00\x01binary", "x.yml:1: the file is not text (it holds binary data)"),
    (b"  \n", "x.yml:1: the file is empty"),
])
def test_unreadable_files_are_named_with_the_fix(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(content)
    problems = Problems(tmp_path)
    assert read_data(path, problems) is None
    assert [str(p) for p in problems.items][0].startswith(message)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\n\r\nText.\r\n")
    problems = Problems()
    doc = read_page(path, problems)
    assert doc is not None and doc.data == {"title": "T"} and not problems.items


def test_a_page_that_is_only_front_matter_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text("---\ntitle: T\n---\n")
    problems = Problems(tmp_path)
    read_page(path, problems)
    assert [str(p) for p in problems.items] == [
        "page.md:4: the page has front matter but no text - write the page's text below the second `---` line"]
