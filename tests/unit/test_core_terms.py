"""The core vocabulary, the process packs and the codebook's schema, in sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders import extract_text, position_records
from loaders.codebook import BUILTIN_DIR, load_codebook, load_yaml
from loaders.codebook_schema import CodebookError
from loaders.documents import DocumentError
from loaders.extract import DocumentExtraction
from loaders.pipeline import _lexicon
from loaders.process import detect_process

CORE_TERMS = {
    "ceasefire", "ceasefire_monitoring", "withdrawal_of_forces", "buffer_zone", "disarmament", "no_foreign_forces",
    "peacekeepers_deployment", "security_guarantees", "arms_supply", "non_aggression", "territorial_integrity",
    "territorial_concessions", "border_demarcation", "recognition", "autonomy_status", "minority_rights",
    "transit_corridor", "prisoner_release", "hostage_release", "humanitarian_access", "civilian_protection",
    "refugee_return", "reconstruction", "direct_talks", "leaders_summit", "mediation", "peace_agreement",
    "elections", "transitional_government", "power_sharing", "constitutional_reform", "sanctions_relief",
    "sanctions_pressure", "accountability", "amnesty", "neutrality", "bloc_membership",
}
SLOTTED = {"withdrawal_of_forces", "disarmament", "no_foreign_forces", "security_guarantees", "arms_supply",
           "territorial_integrity", "territorial_concessions", "recognition", "mediation", "sanctions_relief",
           "sanctions_pressure"}
CORE_EXAMPLES = [(term, example)
                 for term, entry in load_yaml((BUILTIN_DIR / "core.yaml").read_text())["terms"].items()
                 for example in entry.get("examples", [])]


def rows(text: str, rules_only: bool = True, **meta: str) -> set[tuple[str, str, str]]:
    """What the rules read (the vocabulary's own tests); `rules_only=False`: the default extractor."""
    graph = extract_text(text, doc_id="t", meta=meta or None, rules_only=rules_only)
    return {(r["actor"], r["relation"], r["object"]) for r in position_records(graph)}


def test_the_core_vocabulary_has_the_37_core_terms_with_what_they_need() -> None:
    cb = load_codebook()
    assert set(cb.core_terms) == CORE_TERMS
    core = cb.view(None)
    for term in CORE_TERMS:
        info = core.terms[term]
        assert info.label and info.category and info.definition, term
        assert any(p.term == term for p in core.term_patterns), term
    assert {t for t in CORE_TERMS if core.terms[t].slot} >= SLOTTED
    assert {t for t, _ in CORE_EXAMPLES} == CORE_TERMS  # every core term has an example sentence


@pytest.mark.parametrize(("term", "example"), CORE_EXAMPLES)
def test_every_core_term_is_found_in_its_examples(term: str, example: str) -> None:
    run = DocumentExtraction(example, _lexicon((), None))
    run.run()
    assert term in {m.id for v in run.views for m in v.mentions if m.kind == "term"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Qatar and Egypt mediated the negotiations.",
         {("QAT", "OFFERS", "mediation"), ("EGY", "OFFERS", "mediation")}),
        ("The truce was brokered by Turkey.", {("TUR", "OFFERS", "mediation")}),
        ("Hamas released four hostages on Thursday.", {("HAMAS", "OFFERS", "hostage_release")}),
        ("Israel rejected any Palestinian state.", {("ISR", "REJECTS", "recognition")}),
        ("The Houthis demand the lifting of sanctions.", {("HOUTHIS", "DEMANDS", "sanctions_relief")}),
        ("The RSF agreed to a humanitarian truce.", {("RSF", "OFFERS", "ceasefire")}),
        ("Sudan's army rejected the talks.", {("SAF", "REJECTS", "direct_talks")}),
        ("M23 refused to withdraw its fighters.", {("M23", "REJECTS", "withdrawal_of_forces")}),
        ("Azerbaijan demands that Armenia change its constitution.", {("AZE", "DEMANDS", "constitutional_reform")}),
        ("The TPLF agreed to disarm its fighters.", {("TPLF", "OFFERS", "disarmament")}),
        ("The ELN called for a bilateral ceasefire.", {("ELN", "DEMANDS", "ceasefire")}),
        ("Hezbollah rejected any plan to disarm.", {("HEZBOLLAH", "REJECTS", "disarmament")}),
        ("The African Union called for humanitarian access to Darfur.", {("AU", "DEMANDS", "humanitarian_access")}),
        ("The Nagorno-Karabakh authorities rejected the demand to disarm.", {("ARTSAKH", "REJECTS", "disarmament")}),
        ("The UN Security Council endorsed the peace plan.", {("UN", "SUPPORTS", "peace_agreement")}),
    ],
)
def test_core_stances_of_new_kinds_of_actors(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert rows(text) == expected
    assert expected <= rows(text, rules_only=False)  # the trained model keeps what the rules read


def test_armed_groups_and_authorities_are_actors_with_their_leaders_as_officials() -> None:
    cb = load_codebook()
    for actor in ("HAMAS", "PIJ", "HEZBOLLAH", "HOUTHIS", "M23", "SAF", "RSF", "TPLF", "FARC", "ELN"):
        assert cb.actors[actor].kind == "armed_group", actor
    assert cb.actors["ARTSAKH"].kind == "authority"
    for org in ("AU", "EAC", "IGAD", "ICRC"):
        assert cb.actors[org].kind == "organization", org
    assert cb.actor_forms["Ansar Allah"][0] == "HOUTHIS" and cb.actor_forms["AFC/M23"][0] == "M23"
    assert cb.actor_forms["Palestinian Authority"][0] == "PSE"
    for name, actor in {"Hemedti": "RSF", "Burhan": "SAF", "Pashinyan": "ARM", "Tshisekedi": "COD", "Kagame": "RWA",
                        "Khalil al-Hayya": "HAMAS", "Naim Qassem": "HEZBOLLAH", "Getachew Reda": "TPLF",
                        "Corneille Nangaa": "M23", "Mohammed Abdulsalam": "HOUTHIS"}.items():
        assert cb.officials[cb.official_forms[name]].represents == actor, name
    graph = extract_text("Hemedti said the RSF would accept a ceasefire.", doc_id="t", rules_only=True)
    [position] = graph.positions
    assert (position.actor, position.term, position.provenance.speaker) == ("RSF", "ceasefire",
                                                                           "mohamed-hamdan-dagalo")


def test_a_document_belongs_to_the_process_its_parties_and_places_name() -> None:
    cb = load_codebook()
    assert detect_process("Hamas and Israel resumed talks on the hostages held in Gaza.", cb).process == "gaza"
    assert detect_process("The army and the RSF fought on in Darfur.", cb).process == "sudan"
    assert detect_process("Pashinyan met Aliyev to discuss the border.", cb).process == "armenia_azerbaijan"
    assert detect_process("The Kremlin rejects Kyiv's terms.", cb).process == "russia_ukraine"
    assert detect_process("Two neighbours signed a treaty.", cb).process is None
    graph = extract_text("---\nprocess: sudan\n---\nThe two sides agreed to a ceasefire.", doc_id="t")
    assert graph.document.process == "sudan"
    with pytest.raises(DocumentError, match="unknown process 'atlantis'"):
        extract_text("The two sides agreed to a ceasefire.", doc_id="t", meta={"process": "atlantis"})


def test_russia_ukraine_answers_in_its_pack_ids_other_processes_in_core_ids() -> None:
    assert rows("Russia demands the withdrawal of Ukrainian troops from the Donbas.") == {
        ("RUS", "DEMANDS", "donbas_withdrawal")}
    assert rows("Hamas demands a full withdrawal from the Gaza Strip.") == \
        {("HAMAS", "DEMANDS", "withdrawal_of_forces")}


def test_the_slot_says_whose_forces_who_disarms_and_who_mediates() -> None:
    def slots(text: str) -> set[tuple[str, str, str | None]]:
        graph = extract_text(text, doc_id="t", rules_only=True)
        return {(r["actor"], r["object"], r["slot"]) for r in position_records(graph)}

    assert slots("Lebanon demands the withdrawal of Israeli troops from the south.") == {
        ("LBN", "withdrawal_of_forces", "ISR")}
    assert slots("Israel demands the disarmament of Hezbollah.") == {("ISR", "disarmament", "HEZBOLLAH")}
    assert slots("The deal was brokered by Egypt.") == {("EGY", "mediation", "EGY")}
    assert slots("Hamas insists on a full withdrawal from the Gaza Strip.") == {
        ("HAMAS", "withdrawal_of_forces", "ISR")}  # a Gaza pack term: its party is the slot
    assert slots("Kyiv demands the withdrawal of Russian troops from Ukrainian territory.") == {
        ("UKR", "russian_withdrawal", "RUS")}


def test_a_pack_added_through_the_codebook_setting_changes_what_is_extracted(tmp_path: Path) -> None:
    text = "The Libyan National Army rejected the unification of the central bank."
    assert rows(text) == set()
    pack = tmp_path / "libya.yaml"
    pack.write_text(
        "pack:\n  id: libya\n  name: Libya\n  parties: [LBY, LNA]\n  keywords: [Benghazi, Tripoli]\n"
        "actors:\n  LNA:\n    name: Libyan National Army\n    kind: armed_group\n    aliases: [LNA]\n"
        "terms:\n  central_bank_unification:\n    label: A unified central bank\n    core: power_sharing\n"
        "    category: political\n    patterns: ['unification of the central bank']\n")
    graph = extract_text(text, doc_id="t", codebook_paths=[pack], rules_only=True)
    assert graph.document.process == "libya"
    assert {(p.actor, p.relation, p.term) for p in graph.positions} == {("LNA", "REJECTS", "power_sharing")}


@pytest.mark.parametrize(("text", "error"), [
    ("terms:\n  ceasefire:\n    paterns: ['a lull']\n", r"terms\.ceasefire: unknown key 'paterns' \(line 3\)"),
    ("officials:\n  jane-roe:\n    name: Jane Roe\n    represent: UKR\n",
     r"officials\.jane-roe: unknown key 'represent' \(line 4\)"),
    ("pack:\n  id: x\n  partys: [ISR]\n", r"pack: unknown key 'partys'"),
    ("speculation:\n  factor: 0.4\ngrammar:\n  plan_reach: 3\n  plan_rech: 4\n",
     r"grammar: unknown key 'plan_rech' \(line 5\)"),  # the rule lexicon's sections (rules.yaml) too
    ("guarantee_lists:\n  topics: [guarant]\n", r"guarantee_lists: unknown key 'topics' \(line 2\)"),
])
def test_a_misspelt_key_is_an_error_naming_the_file_the_entry_the_key_and_the_line(tmp_path: Path, text: str,
                                                                                   error: str) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(text)
    with pytest.raises(CodebookError, match=r"mine\.yaml: " + error):
        load_codebook([extra])


def test_a_rule_section_of_an_extra_file_replaces_the_built_in_one_with_the_schema_defaults(tmp_path: Path) -> None:
    extra = tmp_path / "rules.yaml"
    extra.write_text("guarantee_lists:\n  cues: [backed by]\n")
    lexicon = load_codebook([extra]).lexicon
    assert lexicon.guarantee_lists.cues == ["backed by"]
    assert lexicon.guarantee_lists.topic == ["guarant"]
