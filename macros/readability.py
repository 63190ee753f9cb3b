"""Reading level of a page's prose (Flesch-Kincaid grade), and its hardest sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pyphen

from .syntax import ADMONITION, FENCED_BLOCK, HEADING, JINJA, LINK, LIST_MARK

_TAG_OR_ATTRS = re.compile(r"<[^>]+>|\{[:#.][^}]*\}|`")  # HTML tags, attribute lists, code marks
_EMPHASIS = re.compile(r"[*_]{1,3}")


def _prose_line(line: str) -> str:
    if HEADING.match(line) or ADMONITION.match(line):  # labels, not prose
        return ""
    item = LIST_MARK.match(line) or line.lstrip().startswith("|")
    line = LIST_MARK.sub("", line).lstrip("| \t") if item else line
    line = _EMPHASIS.sub("", _TAG_OR_ATTRS.sub(" ", LINK.sub(r"\2", line)))
    return f"\n{line}\n" if item else line  # list items and table rows stand alone


SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


def prose(markdown: str) -> str:
    """The body text a reader reads, without markup."""
    markdown = JINJA.sub(" ", FENCED_BLOCK.sub(" ", markdown))
    return "\n".join(_prose_line(line) for line in markdown.splitlines())


def sentences(text: str) -> list[str]:
    """Sentences and list items; a list item without a full stop counts as one sentence."""
    parts = [" ".join(p.split()) for p in SENTENCE_END.split(text)]
    return [p if p[-1] in ".!?" else p + "." for p in parts if len(p.split()) >= 3]


WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*")
_DICT = pyphen.Pyphen(lang="en_US")


def syllables(word: str) -> int:
    return len(_DICT.positions(word.lower())) + 1


def fk_grade(sents: list[str]) -> float:
    """Flesch-Kincaid grade: 0.39 x words per sentence + 11.8 x syllables per word - 15.59."""
    words = [w for s in sents for w in WORD.findall(s)]
    if not sents or not words:
        return 0.0
    return 0.39 * len(words) / len(sents) + 11.8 * sum(map(syllables, words)) / len(words) - 15.59


@dataclass
class Score:
    grade: float
    words: int
    hardest: list[tuple[float, str]]


def score(markdown: str, hardest: int = 3) -> Score:
    sents = sentences(prose(markdown))
    graded = sorted(((round(fk_grade([s]), 1), s) for s in sents), reverse=True)
    words = sum(len(WORD.findall(s)) for s in sents)
    return Score(round(fk_grade(sents), 1), words, graded[:hardest])
