"""A document's text as HTML with the sentences that gave positions highlighted, every piece escaped.

Positions carry the character span of their sentence (`span_start`, `span_end`); guarantees and older edges
may not, so their quote is looked up in the text instead. Each highlight is a `<mark id="s-N">` that links to
the first item extracted from it; each item gets `mark` (the highlight's id) to link back. Document text is
untrusted: it only ever goes through `markupsafe.escape`.

Every other sentence (by the extractor's own split, loaders/sentences.py, so its index is the one positions
carry) is a `<span class="sentence" data-sentence="N">`: the review controls (static/review.js) add a missed
position on it when it is clicked.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from loaders.sentences import split_sentences


def _interval(text: str, item: dict[str, Any]) -> tuple[int, int] | None:
    start, end = item.get("span_start"), item.get("span_end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        return start, end
    quote = (item.get("quote") or "").strip()
    if quote:
        at = text.find(quote)
        if at >= 0:
            return at, at + len(quote)
    return None


def _plain(text: str, start: int, end: int, sentences: list[tuple[int, int]]) -> str:
    """text[start:end] escaped, each whole sentence inside it a selectable span."""
    out: list[str] = []
    at = start
    for n, (s, e) in enumerate(sentences):
        if s < at or e > end:
            continue
        out.append(str(escape(text[at:s])))
        out.append(str(Markup('<span class="sentence" data-sentence="{}" tabindex="0">{}</span>').format(
            n, text[s:e])))
        at = e
    out.append(str(escape(text[at:end])))
    return "".join(out)


def highlight(text: str | None, items: list[dict[str, Any]]) -> tuple[Markup, list[dict[str, Any]]]:
    """The escaped text with highlights, and the items whose sentence could not be found in it."""
    if not text:
        return Markup(""), list(items)
    sentences = split_sentences(text)
    spans: dict[tuple[int, int], list[dict[str, Any]]] = {}
    unplaced = []
    for item in items:
        found = _interval(text, item)
        if found is None:
            unplaced.append(item)
        else:
            spans.setdefault(found, []).append(item)
    out: list[str] = []
    at = 0
    used: set[str] = set()
    last_mark: str | None = None
    for (start, end), group in sorted(spans.items()):
        if start < at:  # overlaps the previous highlight: link its items to that one
            for item in group:
                item["mark"] = last_mark
            continue
        sentence = group[0].get("sentence")
        mark_id = f"s-{sentence}"
        k = 1
        while mark_id in used:
            k += 1
            mark_id = f"s-{sentence}-{k}"
        used.add(mark_id)
        for item in group:
            item["mark"] = mark_id
        title = "; ".join(i["heading"] for i in group)
        out.append(_plain(text, at, start, sentences))
        out.append(str(Markup('<mark id="{}" data-items="{}"><a href="#{}" title="{}">{}</a></mark>').format(
            mark_id, " ".join(i["anchor"] for i in group), group[0]["anchor"], title, text[start:end])))
        at = end
        last_mark = mark_id
    out.append(_plain(text, at, len(text), sentences))
    return Markup("".join(out)), unplaced
