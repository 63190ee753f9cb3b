"""Read YAML data files and Markdown front matter, keeping line numbers for messages."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problems

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
NOTE = re.compile(r"\{#!.*?!#\}", re.S)  # editors' notes: Jinja comments as set in mkdocs.yml (j2_comment_*)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available: builds parse every file
    """Safe loader that keeps dates as text, so the schema can explain bad ones."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(eq=False, repr=False)  # compared by identity: no __eq__ or __repr__ to compile at start-up
class Doc:
    """A parsed file: its data, the line of each top-level key, and any Markdown body."""

    path: Path
    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""  # the Markdown after the front matter, editors' notes blanked (line numbers kept)
    body_line: int = 1  # line number of the body's first line in the file
    valid: bool = True  # False when the front matter did not parse (already reported)

    def line(self, key: str, default: int = 1) -> int:
        return self.lines.get(key, default)


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "seq", "map"))


def _build(loader: yaml.BaseLoader, node: yaml.Node, prefix: str, lines: dict[str, int], offset: int) -> Any:
    """The node's data, noting the 1-based line of each key and item (`key.index.subkey`) on the way.

    Text, lists and mappings with text keys, most of any front matter, are built here in the same
    walk. The loader builds the rest (numbers, true/false, merge keys) exactly as it otherwise would.
    """
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.tag == _STR else loader.construct_object(node)
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            lines[f"{prefix}{i}"] = item.start_mark.line + 1 + offset
            items.append(_build(loader, item, f"{prefix}{i}.", lines, offset))
        return items if node.tag == _SEQ else loader.construct_object(node, deep=True)
    plain = node.tag == _MAP and all(isinstance(key, yaml.ScalarNode) and key.tag == _STR for key, _ in node.value)
    data = {}
    for key, value in node.value:
        lines[f"{prefix}{key.value}"] = key.start_mark.line + 1 + offset
        item = _build(loader, value, f"{prefix}{key.value}.", lines, offset)
        if plain:
            data[key.value] = item
    return data if plain else loader.construct_object(node, deep=True)


def parse_yaml(text: str, path: Path, problems: Problems, offset: int = 0) -> tuple[dict, dict[str, int]] | None:
    """Parse a YAML mapping; report a located problem and return None when it is broken."""
    loader = _Loader(text)
    lines: dict[str, int] = {}
    try:
        node = loader.get_single_node()  # parsed once: the nodes give line numbers, then the data
        data = _build(loader, node, "", lines, offset) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 1 if mark else 1) + offset
        reason = getattr(exc, "problem", None) or "it is not valid YAML"
        problems.error(path, line, f"the YAML does not parse ({reason})",
                       "check the indentation and put quotes around text that contains a colon")
        return None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.error(path, 1 + offset, "the data is not a list of `key: value` lines",
                       "start each line with a field name, like `title: ...`")
        return None
    return data, lines


def read_data(path: Path, problems: Problems) -> Doc | None:
    """Read a YAML data file (a checklist, a reference)."""
    parsed = parse_yaml(path.read_text(encoding="utf-8"), path, problems)
    if parsed is None:
        return None
    return Doc(path, parsed[0], parsed[1])


def read_page(path: Path, problems: Problems) -> Doc | None:
    """Read a Markdown page: front matter (required) and body."""
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        problems.error(path, 1, "the page has no front matter",
                       "start the file with a `---` line, the fields (title, description, ...), and another `---`")
        return None
    parsed = parse_yaml(match.group(1) or "", path, problems, offset=1)
    body_line = text.count("\n", 0, match.end()) + 1
    body = NOTE.sub(lambda m: "\n" * m.group().count("\n"), text[match.end():])
    if parsed is None:  # keep the page, so that one mistake is reported once, not as broken links too
        return Doc(path, {}, {}, body, body_line, valid=False)
    return Doc(path, parsed[0], parsed[1], body, body_line)
