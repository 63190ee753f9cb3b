"""The declared fields of every kind of content, and the one validator that checks them.

Pages, terms, checklists, references and help lines each declare their fields here: type, whether
required, allowed values. `validate` turns every mistake into a `path:line: what - fix` problem and
returns the values that passed, typed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .errors import Problems
from .source import Doc


@dataclass(frozen=True)
class Field:
    """One field: `kind` is text, list (of text), date, int, bool, year, records (a list of mappings),
    mapping or url; a mapping's own fields are checked against `fields`."""

    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int = 0  # for text; 0 is no limit
    fields: Schema | None = None  # for a mapping


@dataclass(frozen=True)
class Schema:
    name: str  # how messages name the container: "front matter", "a checklist item"
    fields: dict[str, Field]
    theme_keys: frozenset[str] = field(default_factory=frozenset)  # read by the theme, not checked here


def parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


_SHAPES = {"text": "some text", "list": "a list like [a, b]", "date": "a date like 2027-01-31",
           "int": "a whole number", "bool": "true or false", "records": "a list of `- name: value` entries",
           "url": "a web address starting with https://", "year": "a year like 2014",
           "mapping": "indented `name: value` lines"}
_PYTHON = {"text": str, "list": list, "int": int, "bool": bool, "records": list, "url": str, "year": (int, str),
           "mapping": dict}


def validate(schema: Schema, data: dict[str, Any], doc: Doc, problems: Problems, at: str = "") -> dict[str, Any]:
    """Check `data`, found at key path `at` (like `groups.0.`) in `doc`; return the valid values, typed.

    Text is stripped, dates become `datetime.date`; a field with a mistake is reported and left out.
    """
    here = doc.line(at.rstrip("."), 1) if at else 1
    values: dict[str, Any] = {}
    for key, spec in schema.fields.items():
        if spec.required and (key not in data or data[key] is None or data[key] == ""):
            problems.error(doc.path, here, f"{schema.name} has no `{key}`",
                           f"add a `{key}:` line with {_SHAPES[spec.kind]} (see CONTRIBUTING.md)")
    for key, value in data.items():
        line = doc.line(f"{at}{key}", here)
        spec = schema.fields.get(key)
        if spec is None:
            if key not in schema.theme_keys:
                problems.error(doc.path, line, f"unknown {schema.name} field `{key}`",
                               f"check the spelling; the fields are: {', '.join(schema.fields)}")
            continue
        if value is None or value == "":
            continue  # a missing required field is reported above
        checked = _check(spec, key, value, doc, line, problems, f"{at}{key}.")
        if checked is not None:
            values[key] = checked
    return values


# Every text field is plain text: the theme writes some of them into pages and attributes as they are,
# so the marks that could start a tag, end an attribute or start a template are refused, not escaped.
MARKUP = re.compile(r"""[<>"]|\{[{%#]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]""")
PLAIN_FIX = "write it without < > \" {{ {% (for quotes, use “ ” or ')"


STARTER = "TODO:"  # how the templates of `make new-page`, `new-term` and `new-checklist` mark what to write


def markup_in(text: str) -> str | None:
    """The first mark in `text` that plain text may not hold, or None."""
    found = MARKUP.search(text)
    return found.group() if found else None


def _check(spec: Field, key: str, value: Any, doc: Doc, line: int, problems: Problems, at: str) -> Any:
    def wrong(what: str, fix: str) -> None:
        problems.error(doc.path, line, what, fix)

    if isinstance(value, str) and STARTER in value:
        wrong(f"`{key}` still has the starter text ({value[:40]!r}...)", "replace it with your own words")
        return None
    if isinstance(value, str) and markup_in(value):
        wrong(f"`{key}` holds {markup_in(value)!r}, which plain text cannot", PLAIN_FIX)
        return None

    if spec.kind == "date":
        day = parse_date(value)
        if day is None:
            wrong(f"`{key}` is not a real date ({value!r})", "write it as YYYY-MM-DD, for example 2027-01-31")
        return day
    python = _PYTHON[spec.kind]
    if not isinstance(value, python) or (spec.kind in ("int", "year") and isinstance(value, bool)):
        quotes = spec.kind == "text" and not isinstance(value, (list, dict))
        hint = " (put quotes around it, like `\"no\"`)" if quotes else ""
        wrong(f"`{key}` should be {_SHAPES[spec.kind]}", f"write `{key}:` followed by {_SHAPES[spec.kind]}{hint}")
        return None
    if spec.kind == "year":
        return str(value).strip()
    if spec.kind in ("text", "url"):
        value = value.strip()
        if not value:
            wrong(f"`{key}` should be {_SHAPES[spec.kind]}", f"write `{key}:` followed by {_SHAPES[spec.kind]}")
            return None
        if spec.kind == "url" and not value.startswith("https://"):
            wrong(f"`{key}` is not a web address ({value!r})", "write the full address, starting with https://")
            return None
        if spec.choices and value not in spec.choices:
            wrong(f"`{key}` is {value!r}, which is not allowed", f"use one of: {', '.join(spec.choices)}")
            return None
        if spec.max_length and len(value) > spec.max_length:
            wrong(f"`{key}` is {len(value)} characters, too long",
                  f"shorten it to one sentence of at most {spec.max_length} characters")
            return None
    if spec.kind == "list":
        items = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                problems.error(doc.path, doc.line(f"{at}{i}", line), f"item {i + 1} of `{key}` should be some text",
                               "write each item as text; put quotes around it if it looks like a number or yes/no")
                continue
            if markup_in(item):
                problems.error(doc.path, doc.line(f"{at}{i}", line),
                               f"item {i + 1} of `{key}` holds {markup_in(item)!r}, which plain text cannot", PLAIN_FIX)
                continue
            items.append(item.strip())
        return items
    if spec.kind == "mapping" and spec.fields is not None:
        return validate(spec.fields, value, doc, problems, at)
    if spec.kind == "records":
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                problems.error(doc.path, doc.line(f"{at}{i}", line), f"item {i + 1} of `{key}` is not a set of fields",
                               "start each item with `- ` and give it `name: value` lines")
        return [item for item in value if isinstance(item, dict)]
    return value


# --- the schemas ------------------------------------------------------------------------------------

CLINICAL_REVIEW = Schema("clinical review", {
    "date": Field("date", required=True), "role": Field(required=True),
})
# A translated file records the version of its source it was translated from (see translations.py), and
# its review by a fluent reviewer, left empty until one signs a pull request.
TRANSLATION = {"translated_from": Field(), "translation_review": Field("mapping", fields=CLINICAL_REVIEW)}
_PAGE_COMMON = {
    "title": Field(required=True),
    "reviewed": Field("date", required=True),
    "review_due": Field("date", required=True),
    "references": Field("list", required=True),
    "content_note": Field(),  # `none` where a page names harm without describing it; then a reason
    "content_note_reason": Field(),
    # Left out until a qualified reviewer signs off the page in a pull request.
    "clinical_review": Field("mapping", fields=CLINICAL_REVIEW),
    "search_terms": Field("list"),  # readers' own words for the page; shown on it, so search finds them
    **TRANSLATION,
}
THEME_KEYS = frozenset({"hide", "search", "template", "status", "icon"})

PAGE = Schema("front matter", {
    "title": Field(required=True), "description": Field(required=True),
    **{k: v for k, v in _PAGE_COMMON.items() if k != "title"},
}, THEME_KEYS)

MAX_DEFINITION = 200
TERM = Schema("front matter", {
    "title": Field(required=True), "definition": Field(required=True, max_length=MAX_DEFINITION),
    "aliases": Field("list"), "related": Field("list"),
    **{k: v for k, v in _PAGE_COMMON.items() if k != "title"},
}, THEME_KEYS)

REFERENCE = Schema("reference", {
    "cite": Field(required=True), "authors": Field(required=True), "year": Field("year", required=True),
    "title": Field(required=True), "publisher": Field(), "journal": Field(), "volume": Field(),
    "issue": Field(), "pages": Field(), "doi": Field(), "url": Field("url"),
})

CHECKLIST = Schema("checklist", {
    "id": Field(required=True), "title": Field(required=True), "intro": Field(required=True),
    "instructions": Field(required=True), "scored": Field("bool"), "items": Field("records"),
    "bands": Field("records"), "groups": Field("records"), "disclaimer": Field(),
    "sensitive": Field("bool"),  # true: never offers to remember answers on the device
    **TRANSLATION,
})
GROUP = Schema("checklist group", {
    "id": Field(required=True), "title": Field(required=True), "items": Field("records"), "bands": Field("records"),
})
ITEM = Schema("checklist item", {
    "id": Field(required=True), "text": Field(required=True), "link": Field(),
    # danger and self-harm items show urgent help as soon as they are ticked; support items point to support
    "route": Field(choices=("danger", "self-harm", "support")),
})
BAND = Schema("band", {
    "min": Field("int", required=True), "max": Field("int", required=True),
    "reflection": Field(required=True), "next": Field("list"),
})

HELP_LINES = Schema("help lines file", {"regions": Field("records", required=True)})
HELP_REGION = Schema("region", {"region": Field(required=True), "lines": Field("records", required=True)})
HELP_LINE = Schema("help line", {
    "name": Field(required=True),
    "kind": Field(required=True, choices=("emergency", "crisis", "abuse", "young-people")),
    "phone": Field(), "sms": Field(), "chat": Field("url"), "detail": Field(required=True),
    "source": Field("url", required=True), "verified": Field("date", required=True),
})
