"""The model's attribute ruler (POS, morphology and some lemmas from the tagger's tags), answered from a memo.

spaCy's `AttributeRuler` runs a `Matcher` of 179 patterns over every token of every sentence: a fifth of the
parse time, for a result that almost always depends on the token alone. Nearly all of its patterns read one
token's own tag, word and dependency label, so their verdict for a token is a function of (word, tag, label):
it is computed once per distinct triple, by the ruler's own patterns run by spaCy's `Matcher` on a one-token
`Doc`, and remembered. The few patterns that look at more than one token (or at anything else) still run as a
`Matcher` over the sentence. Matches are applied in the ruler's own order (later patterns win), with spaCy's own
`set_token_attrs`, so the result is the ruler's, token for token; a unit test compares the two.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

LOCAL_KEYS = frozenset({"TAG", "LOWER", "ORTH", "TEXT", "DEP", "IS_SPACE"})  # what one token decides alone
MEMO_SIZE = 200_000


def _is_local(pattern: list[dict[str, Any]]) -> bool:
    return len(pattern) == 1 and not pattern[0].get("OP") and set(pattern[0]) <= LOCAL_KEYS


class MemoisedAttributeRuler:
    """Apply an `AttributeRuler`'s patterns, the one-token ones from a memo keyed by (word, tag, label)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.attrs: list[dict[int, Any]] = ruler.attrs
        self.indices: list[int] = ruler.indices
        self.local = Matcher(self.vocab)
        self.context = Matcher(self.vocab)
        for ordinal in range(len(ruler.attrs)):
            key = str(ordinal)
            _, patterns = ruler.matcher.get(key)
            local = [p for p in patterns if _is_local(p)]
            other = [p for p in patterns if not _is_local(p)]
            if local:
                self.local.add(key, local)
            if other:
                self.context.add(key, other)
        self._memo = lru_cache(maxsize=MEMO_SIZE)(self._local_ordinals)

    def __call__(self, doc: Doc) -> Doc:
        extra: dict[int, list[int]] = {}
        if len(self.context):
            for key, start, end in self.context(doc, allow_missing=True):
                ordinal = int(self.vocab.strings[key])
                token = doc[start:end][self.indices[ordinal]]
                extra.setdefault(token.i, []).append(ordinal)
        for token in doc:
            ordinals = self._memo(token.orth, token.tag, token.dep)
            if token.i in extra:
                ordinals = tuple(sorted(set(ordinals) | set(extra[token.i])))
            self._apply(token, ordinals)
        return doc

    def pipe(self, docs: Iterable[Doc]) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def _apply(self, token: Token, ordinals: Iterable[int]) -> None:
        for ordinal in ordinals:
            set_token_attrs(token, self.attrs[ordinal])

    def _local_ordinals(self, orth: int, tag: int, dep: int) -> tuple[int, ...]:
        strings = self.vocab.strings
        one = Doc(self.vocab, words=[strings[orth]], spaces=[False])
        one[0].tag = tag
        one[0].dep = dep
        return tuple(sorted({int(strings[key]) for key, _, _ in self.local(one, allow_missing=True)}))
