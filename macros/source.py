"""Read content files: YAML data and Markdown front matter, keeping each key's line for messages."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problems
from .syntax import EDITOR_NOTE, FRONT_MATTER


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available: builds parse every file
    """Safe loader that keeps dates as text, so the schema can explain bad ones."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Doc:
    """A parsed file: its data, the line of each key (`key.index.subkey`), and any Markdown body."""

    path: Path
    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict, repr=False)
    body: str = field(default="", repr=False)  # the Markdown after the front matter, editors' notes blanked
    body_line: int = 1  # line number of the body's first line in the file
    valid: bool = True  # False when the front matter did not parse (already reported)

    def line(self, key: str, default: int = 1) -> int:
        return self.lines.get(key, default)


def _note_lines(node: yaml.Node, prefix: str, lines: dict[str, int], offset: int) -> None:
    """Note the 1-based line of every key and list item under `node`, as `key.index.subkey`."""
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[f"{prefix}{i}"] = item.start_mark.line + 1 + offset
            _note_lines(item, f"{prefix}{i}.", lines, offset)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines[f"{prefix}{key.value}"] = key.start_mark.line + 1 + offset
                _note_lines(value, f"{prefix}{key.value}.", lines, offset)


def parse_yaml(text: str, path: Path, problems: Problems, offset: int = 0) -> tuple[dict, dict[str, int]] | None:
    """Parse a YAML mapping; report a located problem and return None when it is broken."""
    loader = _Loader(text)
    lines: dict[str, int] = {}
    try:
        node = loader.get_single_node()
        if node is not None:
            _note_lines(node, "", lines, offset)
        data = loader.construct_document(node) if node is not None else {}
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
        problems.error(path, 1 + offset, f"the data is a {type(data).__name__}, not a list of `key: value` lines",
                       "start each line with a field name, like `title: ...`")
        return None
    if not all(isinstance(key, str) for key in data):
        problems.error(path, 1 + offset, "a field name is not plain text",
                       "write each field name as a word, like `title:`, with no brackets or quotes")
        return None
    return data, lines


def read_text(path: Path, problems: Problems) -> str | None:
    """A content file's text, or None after reporting why it cannot be read.

    A UTF-8 byte-order mark (Notepad writes one) is dropped, as MkDocs does.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(path, 1, f"the file cannot be read ({exc.strerror or exc})",
                       "check that it exists and is readable")
        return None
    if b"\0" in raw:
        problems.error(path, 1, "the file is not text (it holds binary data)",
                       "replace it with a plain text file saved as UTF-8, or remove it")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.error(path, line, "the file is not saved as UTF-8",
                       "save it again as UTF-8 (in most editors: Save As, then Encoding: UTF-8)")
        return None
    if not text.strip():
        problems.error(path, 1, "the file is empty", "write its content, or delete the file")
        return None
    return text.replace("\r\n", "\n")


def read_data(path: Path, problems: Problems) -> Doc | None:
    """Read a YAML data file (a checklist, a reference, a list of help lines)."""
    text = read_text(path, problems)
    parsed = parse_yaml(text, path, problems) if text is not None else None
    if parsed is None:
        return None
    return Doc(path, parsed[0], parsed[1])


def read_page(path: Path, problems: Problems) -> Doc | None:
    """Read a Markdown page: front matter (required) and body."""
    text = read_text(path, problems)
    if text is None:
        return None
    match = FRONT_MATTER.match(text)
    if not match:
        problems.error(path, 1, "the page has no front matter",
                       "start the file with a `---` line, the fields (title, description, ...), and another `---`")
        return None
    parsed = parse_yaml(match.group(1) or "", path, problems, offset=1)
    body_line = text.count("\n", 0, match.end()) + 1
    body = EDITOR_NOTE.sub(lambda m: "\n" * m.group().count("\n"), text[match.end():])
    if parsed is None:  # keep the page, so that one mistake is reported once, not as broken links too
        return Doc(path, {}, {}, body, body_line, valid=False)
    if not body.strip():
        problems.error(path, body_line, "the page has front matter but no text",
                       "write the page's text below the second `---` line")
    return Doc(path, parsed[0], parsed[1], body, body_line)
