"""Reading level of a page's prose (Flesch-Kincaid grade), and its hardest sentences."""
from __future__ import annotations

import re
from collections.abc import Callable
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


WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_DICT = pyphen.Pyphen(lang="en_US")


def syllables(word: str) -> int:
    return len(_DICT.positions(word.lower())) + 1


def fk_grade(sents: list[str]) -> float:
    """Flesch-Kincaid grade: 0.39 x words per sentence + 11.8 x syllables per word - 15.59."""
    words = [w for s in sents for w in WORD.findall(s)]
    if not sents or not words:
        return 0.0
    return 0.39 * len(words) / len(sents) + 11.8 * sum(map(syllables, words)) / len(words) - 15.59


_STRONG, _WEAK, _ACCENTED_WEAK = set("aeoáéó"), set("iuü"), set("íú")


def syllables_es(word: str) -> int:
    """Spanish syllables: one per vowel group, split where two strong vowels (or an accented í or ú) meet."""
    count, previous = 0, ""
    for ch in word.lower():
        if ch not in _STRONG | _WEAK | _ACCENTED_WEAK:
            previous = ""
            continue
        if not previous or (previous in _STRONG and ch in _STRONG) or _ACCENTED_WEAK & {ch, previous}:
            count += 1
        previous = ch
    return max(count, 1)


def fernandez_huerta(sents: list[str]) -> float:
    """Fernández-Huerta ease for Spanish: 206.84 - 0.60 x syllables per 100 words - 1.02 x words per sentence.

    Higher is easier; 70 and over reads as "fairly easy". The sentence term is words per sentence, as in
    Flesch's formula it adapts (often misprinted as sentences per 100 words).
    """
    words = [w for s in sents for w in WORD.findall(s)]
    if not sents or not words:
        return 100.0
    return 206.84 - 0.60 * 100 * sum(map(syllables_es, words)) / len(words) - 1.02 * len(words) / len(sents)


@dataclass(frozen=True)
class Scale:
    """How a language's readability is measured, and the target and limit for a page."""

    name: str
    measure: Callable[[list[str]], float]
    target: float
    limit: float
    easier_above: bool  # Fernández-Huerta rises as text gets easier; a grade falls

    def too_hard(self, value: float, bound: float) -> bool:
        return value < bound if self.easier_above else value > bound


SCALES = {"en": Scale("reading grade", fk_grade, 8.0, 10.0, False),
          "es": Scale("Fernández-Huerta ease", fernandez_huerta, 70.0, 60.0, True)}


@dataclass
class Score:
    grade: float  # on the language's scale: a grade for English, an ease for Spanish
    words: int
    hardest: list[tuple[float, str]]


def score(markdown: str, hardest: int = 3, language: str = "en") -> Score:
    scale = SCALES[language]
    sents = sentences(prose(markdown))
    graded = sorted(((round(scale.measure([s]), 1), s) for s in sents), reverse=not scale.easier_above)
    words = sum(len(WORD.findall(s)) for s in sents)
    return Score(round(scale.measure(sents), 1), words, graded[:hardest])
