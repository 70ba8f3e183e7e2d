"""The model's attribute ruler and lemmatizer (POS, morphology and lemmas from the tagger's tags), from a memo.

spaCy's `AttributeRuler` runs a `Matcher` of 179 patterns over every token of every sentence, and the rule
lemmatizer then looks each token up again: together a fifth of the parse time, for a result that almost
always depends on the token alone. Nearly all of the ruler's patterns read one token's own tag, word and
dependency label, so their verdict for a token is a function of (word, tag, label); and the lemmatizer's
answer is a function of the word, its POS and its morphology, which that verdict fixes. Both are computed
once per distinct triple — by the ruler's own patterns run by spaCy's `Matcher` on a one-token `Doc`, and by
the lemmatizer itself — and remembered. The few ruler patterns that look at more than one token still run as
a `Matcher` over the sentence, and the tokens they touch are lemmatized as the pipeline would. Matches are
applied in the ruler's own order (later patterns win) with spaCy's own `set_token_attrs`, so the result is the
pipeline's, token for token; a unit test compares the two.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

LOCAL_KEYS = frozenset({"TAG", "LOWER", "ORTH", "TEXT", "DEP", "IS_SPACE"})  # what one token decides alone
MEMO_SIZE = 200_000


def _is_local(pattern: list[dict[str, Any]]) -> bool:
    return len(pattern) == 1 and not pattern[0].get("OP") and set(pattern[0]) <= LOCAL_KEYS


class MemoisedAttributeRuler:
    """Apply an `AttributeRuler`'s patterns (the one-token ones from a memo keyed by (word, tag, label)) and
    then, when given, the rule lemmatizer that follows it in the pipeline."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer | None = None) -> None:
        self.vocab = ruler.vocab
        self.attrs: list[dict[int, Any]] = ruler.attrs
        self.indices: list[int] = ruler.indices
        self.lemmatizer = lemmatizer
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
        self._memo = lru_cache(maxsize=MEMO_SIZE)(self._reading)

    def __call__(self, doc: Doc) -> Doc:
        extra: dict[int, list[int]] = {}
        if len(self.context):
            for key, start, end in self.context(doc, allow_missing=True):
                ordinal = int(self.vocab.strings[key])
                token = doc[start:end][self.indices[ordinal]]
                extra.setdefault(token.i, []).append(ordinal)
        for token in doc:
            ordinals, attrs, lemma = self._memo(token.orth, token.tag, token.dep)
            if token.i in extra:  # a pattern over several tokens touched it: as the pipeline would
                for ordinal in sorted(set(ordinals) | set(extra[token.i])):
                    set_token_attrs(token, self.attrs[ordinal])
                self._lemmatize(token)
            else:
                set_token_attrs(token, attrs)
                if lemma is not None and token.lemma == 0:
                    token.lemma = lemma
        return doc

    def _lemmatize(self, token: Token) -> None:
        if self.lemmatizer is not None and (self.lemmatizer.overwrite or token.lemma == 0):
            token.lemma_ = self.lemmatizer.lemmatize(token)[0]

    def _reading(self, orth: int, tag: int, dep: int) -> tuple[tuple[int, ...], dict[int, Any], int | None]:
        """The ordinals of the one-token patterns that match, their attributes merged in order (later ones
        win, as in the ruler), and the lemma the lemmatizer then gives (None without a lemmatizer)."""
        strings = self.vocab.strings
        one = Doc(self.vocab, words=[strings[orth]], spaces=[False])
        one[0].tag = tag
        one[0].dep = dep
        ordinals = tuple(sorted({int(strings[key]) for key, _, _ in self.local(one, allow_missing=True)}))
        merged: dict[int, Any] = {}
        for ordinal in ordinals:
            set_token_attrs(one[0], self.attrs[ordinal])
            merged.update(self.attrs[ordinal])
        if self.lemmatizer is None:
            return ordinals, merged, None
        self._lemmatize(one[0])
        return ordinals, merged, one[0].lemma
