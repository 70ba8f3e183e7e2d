"""Sentence splitting with character offsets, so every position can point back at its exact quote.

A line break always ends a sentence (news text keeps one paragraph a line); inside a line a sentence ends at
. ! ? … (and any closing quotes) before a capital, a digit, a quote or a dash, except after an abbreviation
or an initial ("Sen. Jim Risch", "the U.S. President", "Donald J. Trump").
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset([
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gen", "gov", "lt", "col", "sgt", "capt", "cmdr", "adm", "st",
    "jr", "sr", "no", "vs", "etc", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mt", "ft", "approx", "dept", "corp", "inc", "ltd", "co", "e.g", "i.e", "u.s", "u.k", "u.n",
    "e.u", "d.c", "u.s.a", "p.m", "a.m"
])
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[—–-]?\s*[A-Z0-9А-Я])")
# The longest sentence of real news we have seen is about 600 characters. A run of text without sentence ends
# (a table, a list, hostile input) is cut into pieces of at most this many, at a clause boundary where there is
# one: the dependency patterns' cost grows with the square of a sentence's length.
MAX_SENTENCE_CHARS = 1000
_CLAUSE_BREAK = re.compile(r"[;:,]\s|\s")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial rather than a sentence."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    return word in ABBREVIATIONS or (len(word) == 1 and text[dot - 1].isupper())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, whitespace trimmed, empty ones dropped."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        begin = 0
        for match in _END.finditer(line):
            if line[match.start()] == "." and _is_abbreviation(line, match.start()):
                continue
            spans.append((offset + begin, offset + match.end()))
            begin = match.end()
        spans.append((offset + begin, offset + len(line)))
        offset += len(line) + 1
    trimmed = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed += _cut(text, start, end)
    return trimmed


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence longer than MAX_SENTENCE_CHARS, cut after its last clause break (else space) within it."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start:start + MAX_SENTENCE_CHARS]
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(window) if m.group()[0] in ";:,"] or \
                 [m.end() for m in _CLAUSE_BREAK.finditer(window)]
        cut = start + (breaks[-1] if breaks else MAX_SENTENCE_CHARS)
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        pieces.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


def paragraph_ids(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Which paragraph (blank-line separated block) each sentence is in: quotes and pronouns stay inside one."""
    ids: list[int] = []
    paragraph, last_end = 0, 0
    for start, end in spans:
        if "\n\n" in text[last_end:start] or (paragraph == 0 and not ids):
            paragraph += 1 if ids else 0
        ids.append(paragraph)
        last_end = end
    return ids
