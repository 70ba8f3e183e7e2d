"""The linguistic layer: `parse` gives exactly what the model's own pipeline gives, only faster."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from spacy.tokens import Doc

from loaders.parse import parse, pipeline

# Sentences that exercise the attribute ruler's exceptions: pronouns, determiners, modals, "'s", "but" as an
# adverb, contractions ("don't", "can't", "'d"), "that" as a subordinator and a relative, indefinite pronouns,
# and the few patterns over two tokens, which the memo cannot answer.
SENTENCES = [
    "Kyiv's negotiators said they would not give up any land, but Moscow wants more.",
    "We don't accept that, and I can't imagine anyone who would.",
    "If she'd known, he'd have asked them whether something could be done about it.",
    "The plan that Washington drafted says nothing about the territories those troops hold.",
    "Everyone agrees a ceasefire is but the first step; nobody knows what comes after it.",
    "Isn't it true that the Europeans won't send troops unless the US backs them?",
    "Ukraine's membership of NATO is off the table, the envoy said on Tuesday.",
    "Russia    demands   neutrality\n\nand the lifting of sanctions, 's all it wants.",
    "'s", "",
    # the ruler's patterns over two tokens: "there is" (expletive), "let's", "gonna", "ain't"
    "There is no deal yet and there were no talks, so let's wait: they're gonna say it ain't over.",
]


def _reading(doc: Doc) -> list[tuple[str, str, str, str, str, str, int]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_parse_equals_the_model_pipeline(sentence: str) -> None:
    """The attribute ruler answered from a memo must not change one tag, morph, lemma or arc."""
    expected = _reading(pipeline()(sentence))
    (doc,) = parse([sentence])
    assert _reading(doc) == expected


def test_parse_keeps_order_and_count() -> None:
    docs = parse(SENTENCES)
    assert [d.text for d in docs] == SENTENCES
    assert parse([]) == []


def test_a_run_without_sentence_ends_is_cut_into_bounded_pieces() -> None:
    """Hostile or table-like input: the dependency patterns' cost grows with the square of a sentence's
    length, so no piece is longer than MAX_SENTENCE_CHARS, and pieces end at a clause break when there is one."""
    from loaders.sentences import MAX_SENTENCE_CHARS, split_sentences

    text = "the withdrawal of troops from territory, " * 400
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert all(text[e - 1] == "," for s, e in spans[:-1])
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")  # nothing lost
    normal = "Russia demands a ceasefire. Ukraine rejects it."
    assert split_sentences(normal) == [(0, 27), (28, len(normal))]


def test_threads_parsing_at_once_get_what_one_thread_gets() -> None:
    """The service extracts uploads in a thread pool, so the first requests of a fresh process may parse at
    once. Each loaded a pipeline of its own, and the memoised steps were built from another one's string store:
    spaCy's E018 ("Can't retrieve string for hash") on that request and on every parse after it. Run in a new
    process, where nothing is loaded yet."""
    script = textwrap.dedent("""
        import threading
        from concurrent.futures import ThreadPoolExecutor
        from loaders.parse import parse

        start = threading.Barrier(4)

        def first(n):
            start.wait()  # all four ask before the pipeline is loaded
            doc = parse([f"Russia demands that Ukraine renounce Zorblat{n} membership."])[0]
            return id(doc.vocab), [t.lemma_ for t in doc]

        with ThreadPoolExecutor(4) as pool:
            got = list(pool.map(first, range(4)))
        assert len({vocab for vocab, _ in got}) == 1, "each thread loaded a pipeline of its own"
        again = parse([f"Russia demands that Ukraine renounce Zorblat{n} membership." for n in range(4)])
        assert [lemmas for _, lemmas in got] == [[t.lemma_ for t in doc] for doc in again]
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr[-2000:]
