"""Which language a document is in: the extractor reads English only, so other languages are named and skipped.

The detector is py3langid (a maintained fork of langid.py: a naive Bayes model over byte n-grams for 97
languages, shipped inside the package, deterministic, offline). Its model takes about a second to load, so it
is loaded only when a text does not already read as English by its commonest words: nearly every English
news text has "the", "of", "to", "and", "in" as one word in seven or more, and no other language does.

A text too short to tell (a headline, one sentence: under `MIN_LETTERS` letters) is taken as it is, and so is
one the model is unsure of (probability under `MIN_PROBABILITY`): skipping an English document by mistake
costs more than extracting nothing from a foreign one.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

MIN_LETTERS = 60
MIN_PROBABILITY = 0.9
SAMPLE_CHARS = 5000
_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH = frozenset(("the", "of", "to", "and", "in", "a", "is", "that", "for", "on", "with", "as", "by", "was",
                      "said", "it", "at", "from", "has", "have", "be"))

# Names of the languages py3langid knows that news comes in (the rest are shown by their code).
NAMES = {
    "ar": "Arabic", "be": "Belarusian", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "he": "Hebrew", "hu": "Hungarian", "hy": "Armenian", "it": "Italian", "ja": "Japanese", "ka": "Georgian",
    "kk": "Kazakh", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "nl": "Dutch", "no": "Norwegian",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sr": "Serbian", "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese", "hr": "Croatian",
}


def name(code: str) -> str:
    return NAMES.get(code, code)


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def reads_as_english(words: list[str]) -> bool:
    common = sum(1 for w in words if w.lower() in _ENGLISH)
    return len(words) >= 20 and common >= 0.14 * len(words)


def detect(text: str) -> str | None:
    """The language code of `text` ('en', 'de', 'uk' …), or None when it is too short or unclear to tell."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample)
    if sum(len(w) for w in words) < MIN_LETTERS:
        return None
    if reads_as_english(words):
        return "en"
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= MIN_PROBABILITY else None
