"""The codebook: extensible without code, and a bad entry is skipped, not fatal."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from loaders import extract_text, position_records
from loaders.codebook import load_codebook, load_yaml

REFERENCE_TERMS = {
    "nato_non_accession", "ukraine_nato_membership", "no_nato_expansion", "neutral_status", "no_foreign_troops",
    "non_nuclear_status", "armed_forces_limits", "demilitarization", "denazification", "russian_speakers_protection",
    "security_guarantees_ukraine", "article5_guarantee", "security_guarantees_russia", "non_aggression_europe",
    "peacekeepers_deployment", "ceasefire", "ceasefire_monitoring", "russian_withdrawal", "donbas_withdrawal",
    "territorial_concessions", "crimea_recognition", "donbas_independence", "separate_territorial_track",
    "eu_membership", "referendum", "leaders_summit", "prisoner_exchange", "long_range_weapons", "sanctions_relief",
    "frozen_assets", "ukraine_elections", "znpp_control", "amnesty", "energy_strikes_moratorium",
    "black_sea_navigation", "territorial_integrity", "accountability", "freeze_on_current_lines", "direct_talks",
}


def test_every_reference_term_is_there_with_patterns() -> None:
    cb = load_codebook()
    assert set(cb.terms) >= REFERENCE_TERMS
    assert {p.term for p in cb.term_patterns} >= REFERENCE_TERMS
    assert cb.terms["nato_non_accession"].opposite == "ukraine_nato_membership"


def test_aliases_resolve() -> None:
    forms = load_codebook().actor_forms
    for form, actor in {"Kremlin": "RUS", "Kyiv": "UKR", "Kiev": "UKR", "Washington": "USA", "Türkiye": "TUR",
                        "Brussels": "EU", "the alliance": "NATO"}.items():
        assert forms[form][0] == actor, form


def test_an_analyst_extends_the_codebook_without_code(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "actors:\n  RUS:\n    aliases: [the Russian side]\n"
        "terms:\n  water_access:\n    label: Access to water\n    patterns: ['access to the Dnipro water']\n"
        "officials:\n  jane-roe:\n    name: Jane Roe\n    aliases: [Roe]\n    role: Envoy\n    represents: UKR\n")
    text = "Roe said the Russian side demands access to the Dnipro water."
    rules = extract_text(text, doc_id="t", codebook_paths=[extra], rules_only=True)
    assert {(r["actor"], r["relation"], r["object"], r["speaker"]) for r in position_records(rules)} == {
        ("RUS", "DEMANDS", "water_access", "jane-roe")}
    # the trained model keeps what the rules read of the analyst's new term, with its own confidence
    graph = extract_text(text, doc_id="t", codebook_paths=[extra])
    [row] = [r for r in position_records(graph) if r["actor"] == "RUS"]
    assert (row["relation"], row["object"], row["speaker"]) == ("DEMANDS", "water_access", "jane-roe")
    assert 0 < row["confidence"] <= 1 and "stance model" in row["rule"]
    assert load_codebook([extra]).actors["RUS"].name == "Russia"  # merged, not replaced


def test_a_bad_pattern_is_skipped_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text("terms:\n  broken:\n    patterns: ['(unclosed']\n"
                     "officials:\n  nobody:\n    name: No Body\n    represents: XXX\n")
    with caplog.at_level(logging.WARNING):
        cb = load_codebook([extra])
    assert "broken" in cb.terms and not [p for p in cb.term_patterns if p.term == "broken"]
    assert "nobody" not in cb.officials
    assert "skipping pattern" in caplog.text and "nobody" in caplog.text


def test_a_codebook_that_is_not_yaml_is_a_clear_error(tmp_path: Path) -> None:
    extra = tmp_path / "broken.yaml"
    extra.write_text("terms: [unclosed")
    with pytest.raises(ValueError, match=r"broken\.yaml"):
        load_codebook([extra])


def test_fast_patterns_find_what_a_plain_regex_finds() -> None:
    """Keyword windows, a lookahead that reads past the match, and the left word boundary."""
    import re

    from loaders.codebook import WordPattern, lower_text

    text = lower_text(("Filler words here. " * 30) + "Sanctions stay, and frozen Russian assets would be used. "
                      + ("More filler text. " * 30) + "unfrozen assets and frozen assets")
    for pattern in [r"(?<=,\s)and(?=\s(?:\S+\s){1,4}would\b)", "frozen (?:russian )?assets", "assets"]:
        fast = [(m.start(), m.end()) for m in WordPattern.compile(pattern).finditer(text)]
        plain = [(m.start(), m.end()) for m in re.finditer(rf"(?<![\w-])(?:{pattern})(?![\w])", text)]
        assert fast == plain, pattern


def test_words_like_on_and_no_stay_words() -> None:
    """YAML 1.1 reads `on`, `off`, `yes` and `no` as booleans: in a word list they would silently vanish."""
    assert load_yaml("words: [with, on, off, yes, no, true, false]")["words"] == [
        "with", "on", "off", "yes", "no", True, False]



def test_a_deal_on_a_term_is_about_it_not_for_it() -> None:
    """"close to a deal on X" names a topic; "agreed on X" is a stance."""
    topic = position_records(extract_text("Russia and Ukraine are close to a deal on neutrality.", doc_id="t",
                                          rules_only=True))
    assert not [r for r in topic if r["object"] == "neutral_status"]
    stance = position_records(extract_text("Russia and Ukraine agreed on a ceasefire.", doc_id="t",
                                           rules_only=True))
    assert {(r["actor"], r["object"]) for r in stance} == {("RUS", "ceasefire"), ("UKR", "ceasefire")}


def test_terms_yaml_orders_the_terms_whatever_concepts_yaml_lists() -> None:
    """Which of two term patterns matching the same words wins follows terms.yaml: adding spaCy patterns for a
    term in concepts.yaml must not change it ("deploy foreign troops" stays no foreign troops, not peacekeepers)."""
    order = list(load_codebook().terms)
    assert order.index("no_foreign_troops") < order.index("peacekeepers_deployment")


def test_rule_patterns_are_read_from_the_typed_lexicon_with_an_analysts_additions(tmp_path: Path) -> None:
    """`rule_regex`/`rule_words` read a section's patterns from the validated lexicon (a section with more than
    patterns, `speculation`, by its cues), an analyst's file included."""
    extra = tmp_path / "extra.yaml"
    extra.write_text('speculation:\n  cues: ["it is rumoured that"]\ndebris:\n  - "Sponsored by our partners"\n',
                     encoding="utf-8")
    cb = load_codebook([extra])
    speculation, debris = cb.rule_regex("speculation"), cb.rule_regex("debris")
    assert speculation is not None and speculation.search("It is rumoured that Moscow will agree")
    assert debris is not None and debris.search("Sponsored by our partners")
    assert [w.keyword for w in cb.rule_words("speculation")] == ["rumoured"]  # the file's cues replace the list
    assert len(load_codebook().rule_words("speculation")) > 1
