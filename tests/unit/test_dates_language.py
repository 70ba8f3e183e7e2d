"""Dates read from a dateline or the opening lines (marked inferred), date fields as dumps and feeds give them,
and non-English documents named and skipped."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders.codebook import load_codebook
from loaders.dates import INFERRED, INFERRED_YEAR, infer_date, parse_date
from loaders.documents import DocumentError, from_text
from loaders.language import detect

CB = load_codebook()
REF = dt.date(2022, 12, 1)
LEAD = "Russia demands that Ukraine stays out of NATO, the Kremlin said on Tuesday after the talks."


@pytest.mark.parametrize(("text", "expected"), [
    (f"KYIV, March 29 (Reuters) - {LEAD}", ("2022-03-29", INFERRED_YEAR)),
    (f"KYIV, March 29, 2021 (Reuters) – {LEAD}", ("2021-03-29", INFERRED)),
    (f"MOSCOW, Dec. 5 — {LEAD}", ("2021-12-05", INFERRED_YEAR)),  # after the reference day: the year before
    (f"WASHINGTON, D.C., 2 April (AP) — {LEAD}", ("2022-04-02", INFERRED_YEAR)),
    (f"Talks resume\nTuesday, 29 March 2022\n{LEAD}", ("2022-03-29", INFERRED)),
    (f"Talks resume\n{LEAD} It met on 29 March 2022 in Istanbul.", ("2022-03-29", INFERRED)),
    (f"Posted 2022-03-30 09:30\n{LEAD}", ("2022-03-30", INFERRED)),
    (f"{LEAD}\nOn 29 March 2022 the delegations met.", None),  # not in the first paragraph
    (f"Talks resume\n{LEAD} They meet again on March 29.", None),  # a bare day outside a dateline
    (f"{LEAD} Russia may agree.", None),
    ("KYIV, Feb. 30 (Reuters) - no such day.", None),
])
def test_dates_are_inferred_from_a_dateline_or_the_opening(text: str, expected: tuple[str, str] | None) -> None:
    assert infer_date(text, REF) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2022-03-29T10:00:00Z", "2022-03-29"), ("2022-03", "2022-03"), ("2022", "2022"),
    ("Tue, 29 Mar 2022 10:00:00 GMT", "2022-03-29"), ("29 March 2022", "2022-03-29"),
    ("March 29, 2022", "2022-03-29"), ("D:20220329100000Z", "2022-03-29"), (1648548000, "2022-03-29"),
    (1648548000000, "2022-03-29"), ("1648548000", "2022-03-29"), ("yesterday", None), ("2022-02-30", None),
    ("", None), (None, None),
])
def test_date_fields_of_dumps_feeds_and_pdfs(value: object, expected: str | None) -> None:
    assert parse_date(value) == expected


def test_metadata_wins_over_the_text_and_an_inferred_date_is_marked() -> None:
    text = f"KYIV, March 29, 2022 (Reuters) - {LEAD}"
    doc = from_text(text, doc_id="d", meta=None, codebook=CB)
    assert doc.meta["date"] == "2022-03-29" and doc.provenance()["date_origin"] == "inferred"
    given = from_text(text, doc_id="d", meta={"date": "2022-04"}, codebook=CB, meta_origin="API")
    assert given.meta["date"] == "2022-04" and given.provenance()["date_origin"] == "API"


GERMAN = ("Die Bundesregierung lehnt einen Waffenstillstand entlang der aktuellen Frontlinie ab, sagte der Sprecher "
          "am Montag in Berlin. Russland fordert die Neutralität der Ukraine.")
RUSSIAN = ("Россия требует, чтобы Украина не вступала в НАТО, заявили в Кремле во вторник после переговоров в "
           "Стамбуле. Киев отверг это требование.")
UKRAINIAN = "Росія вимагає нейтралітету України, заявили в Кремлі у вівторок після переговорів у Стамбулі."
FRENCH = ("La Russie exige que l'Ukraine reste en dehors de l'OTAN, a déclaré le Kremlin mardi après les "
          "négociations d'Istanbul.")


@pytest.mark.parametrize(("text", "code", "name"), [(GERMAN, "de", "German"), (RUSSIAN, "ru", "Russian"),
                                                    (UKRAINIAN, "uk", "Ukrainian"), (FRENCH, "fr", "French")])
def test_a_document_in_another_language_is_skipped_naming_it(text: str, code: str, name: str) -> None:
    assert detect(text) == code
    with pytest.raises(DocumentError, match=rf"^article\.txt: the text is in {name} \({code}\), not English"):
        from_text(text, doc_id="d", meta=None, codebook=CB, where="article.txt")


@pytest.mark.parametrize("text", [LEAD, "Russia demands neutrality.", "Kyiv rejects it.",
                                  f"{LEAD} Москва заявила: «Украина должна быть нейтральной»."])
def test_english_and_texts_too_short_to_tell_are_read(text: str) -> None:
    doc = from_text(text, doc_id="d", meta=None, codebook=CB)
    assert doc.meta.get("language") in (None, "en")
