"""Text as it comes → text the sentence splitter can read.

News reaches us hard-wrapped at 70 columns (press-briefing transcripts, e-mail digests), scraped into one line
with the paragraph breaks lost and sentences glued ("October 10.Russia does not"), with HTML entities left in
(`&amp;`, `&#8217;`) and zero-width characters in names. The splitter ends a sentence at every line break and
only before a space, so each of these costs sentences — a wrapped line cut mid-clause loses its subject, a
glued sentence gives its holder to the next one. Normalising first is cheaper than teaching every later
stage about it. The result is the document's stored text: quotes and offsets refer to it.
"""

from __future__ import annotations

import html
import re
import statistics

# Invisible characters that split words for the matcher but carry nothing: zero-width space, non-joiner,
# joiner, word joiner, BOM, soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = {ord(c): " " for c in "\u00a0\u2007\u202f\u2009\u200a\u3000"}
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A line that opens a new unit even inside a wrapped block: a bullet, a numbered point, a transcript turn
# ("MR. SAVETT:", "Q", "PRESIDENT ZELENSKYY:").
_OPENS_UNIT = re.compile(r"\s*(?:[-•*–—]\s|\d{1,2}[.)]\s|Q[:.]?\s|A[:.]\s|[A-Z][A-Z.'’ -]{1,40}:\s)")
# Glued sentences: a lower-case word or a number, a sentence end, then a capitalised word with no space.
_GLUED = re.compile(r"(?<=[a-z0-9%)])([.!?]+)([\"”’]?)(?=[\"“‘]?[A-Z][a-z])")
MIN_WRAPPED_LINES = 8
MAX_WRAP_WIDTH = 110


def normalise_text(text: str) -> str:
    """Entities decoded, invisible characters dropped, odd spaces made plain, wrapped lines joined into their
    paragraphs, glued sentences given their space. Idempotent."""
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    text = text.translate(_INVISIBLE).translate(_SPACES)
    lines = [line.rstrip() for line in text.split("\n")]
    if _hard_wrapped(lines):
        lines = _join_wrapped(lines)
    return "\n".join(_unglue(line) for line in lines)


def _hard_wrapped(lines: list[str]) -> bool:
    """Most lines end near one width, and that width is a terminal's, not a paragraph's."""
    lengths = [len(line.strip()) for line in lines if line.strip()]
    if len(lengths) < MIN_WRAPPED_LINES:
        return False
    width = statistics.quantiles(lengths, n=20)[-1]  # the 95th percentile: a few long lines do not count
    if width > MAX_WRAP_WIDTH:
        return False
    near = sum(1 for n in lengths if n >= 0.6 * width)
    return near >= 0.5 * len(lengths)


def _join_wrapped(lines: list[str]) -> list[str]:
    """A line that reaches the wrap width continues on the next one; a short line ends its paragraph."""
    lengths = [len(line.strip()) for line in lines if line.strip()]
    width = statistics.quantiles(lengths, n=20)[-1]
    out: list[str] = []
    continues = False
    for line in lines:
        stripped = line.strip()
        if continues and stripped and not _OPENS_UNIT.match(line):
            out[-1] = f"{out[-1]} {stripped}"
        else:
            out.append(line if stripped else "")
        continues = len(stripped) >= 0.5 * width
    return out


def _unglue(line: str) -> str:
    """'meet.Chief among' → 'meet. Chief among'; a straight quote after the stop opens the next sentence
    when the quotes before it are balanced ('reporters."And what'), else closes this one."""
    if not _GLUED.search(line):
        return line

    def space(match: re.Match[str]) -> str:
        stop, close = match.group(1), match.group(2)
        if close == '"' and line.count('"', 0, match.start()) % 2 == 0:
            return f'{stop} "'  # balanced before: this quote opens the next sentence
        return f"{stop}{close} "

    return _GLUED.sub(space, line)
