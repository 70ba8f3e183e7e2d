"""Phenomena of stance over the parse, each in sentences written for these tests (issue 8): polarity never
flips, holders come from the grammar, conditions and relative clauses carry their own stances."""

from __future__ import annotations

import pytest

from loaders import extract_text, position_records

RU = {"process": "russia_ukraine"}  # these sentences are about the Russia–Ukraine pack's terms


def rows(text: str) -> set[tuple[str, str, str, str | None]]:
    graph = extract_text(text, doc_id="t", meta=RU, rules_only=True)
    return {(r["actor"], r["relation"], r["object"], r["status"]) for r in position_records(graph)}


def stances(text: str) -> set[tuple[str, str, str]]:
    return {(a, r, o) for a, r, o, s in rows(text) if r != "GUARANTEES"}


FAVOUR = {"DEMANDS", "OFFERS", "SUPPORTS"}


POLARITY = [
    # a rejection scopes over the relative clause that names the term
    ("Zelensky rejected any plan that would require Kyiv to cede the Donbas.",
     {("UKR", "REJECTS", "donbas_withdrawal")}, {("UKR", "DEMANDS", "donbas_withdrawal")}),
    # "not prepared to offer": the negation of the governor covers the inner offer
    ("The United States is not prepared to offer Ukraine an Article 5 guarantee.",
     {("USA", "REJECTS", "article5_guarantee")}, {("USA", "OFFERS", "article5_guarantee")}),
    # "refused to accept" is a refusal, not an acceptance
    ("Hungary refused to accept Ukraine's membership of the European Union.",
     {("HUN", "REJECTS", "eu_membership")}, {("HUN", "SUPPORTS", "eu_membership")}),
    # a negator verb flips the term: abandoning a bid to join NATO is staying out of it
    ("The Kremlin insists Kyiv must abandon its bid to join NATO.",
     {("RUS", "DEMANDS", "nato_non_accession")}, {("RUS", "DEMANDS", "ukraine_nato_membership")}),
    # being barred or kept from a term is its opposite
    ("The Kremlin has long insisted that Kyiv be barred from joining NATO.",
     {("RUS", "DEMANDS", "nato_non_accession")}, {("RUS", "DEMANDS", "ukraine_nato_membership")}),
    ("Moscow wants to prevent Ukraine from joining the alliance.",
     {("RUS", "DEMANDS", "nato_non_accession")}, {("RUS", "DEMANDS", "ukraine_nato_membership")}),
    # keeping sanctions in force is a refusal of relief, not a call for it
    ("Brussels agreed to extend its sanctions on Russia for another six months.",
     {("EU", "REJECTS", "sanctions_relief")}, {("EU", "SUPPORTS", "sanctions_relief")}),
    # a negative subject negates its clause
    ("Neither Moscow nor Kyiv has accepted the proposal for a truce.",
     {("RUS", "REJECTS", "ceasefire"), ("UKR", "REJECTS", "ceasefire")},
     {("RUS", "SUPPORTS", "ceasefire"), ("UKR", "SUPPORTS", "ceasefire")}),
    # a clause denied as a fact states no stance, least of all the one it denies
    ("The Kremlin denied that it had agreed to a ceasefire.", set(),
     {("RUS", "OFFERS", "ceasefire"), ("RUS", "SUPPORTS", "ceasefire")}),
    ("It is not true that Ukraine rejected the ceasefire, the minister said.", set(),
     {("UKR", "REJECTS", "ceasefire")}),
    # "no longer" negates
    ("Washington no longer supports Ukraine's membership of NATO.",
     {("USA", "REJECTS", "ukraine_nato_membership")}, {("USA", "SUPPORTS", "ukraine_nato_membership")}),
    # a claim reported to be rejected is nobody's stance
    ("The Kremlin rejected claims that it opposes a ceasefire.", set(),
     {("RUS", "REJECTS", "ceasefire"), ("RUS", "SUPPORTS", "ceasefire")}),
    # an evaluation: a mistake to do X is against X
    ("It would be a mistake to lift sanctions on Russia, the EU's foreign policy chief said.",
     {("EU", "REJECTS", "sanctions_relief")}, {("EU", "SUPPORTS", "sanctions_relief")}),
    # a contrast's "not" belongs to what it contrasts
    ("Speech by the President of Ukraine. We need security guarantees, not promises.",
     {("UKR", "DEMANDS", "security_guarantees_ukraine")}, {("UKR", "REJECTS", "security_guarantees_ukraine")}),
    # implicative negatives: failing or avoiding to do it is not doing it
    ("Moscow failed to agree to a ceasefire.", {("RUS", "REJECTS", "ceasefire")}, {("RUS", "OFFERS", "ceasefire")}),
    # the particle of "warn against" is no second refusal
    ("Moscow warned against the deployment of European troops in Ukraine.",
     {("RUS", "REJECTS", "peacekeepers_deployment")}, {("RUS", "SUPPORTS", "peacekeepers_deployment")}),
]


@pytest.mark.parametrize(("text", "expected", "never"), POLARITY)
def test_negation_never_flips_a_stance(text: str, expected: set[tuple[str, str, str]],
                                       never: set[tuple[str, str, str]]) -> None:
    found = stances(text)
    assert expected <= found
    assert not (never & found)


@pytest.mark.parametrize(("text", "expected", "never"), POLARITY)
def test_the_trained_model_never_flips_a_stance_either(text: str, expected: set[tuple[str, str, str]],
                                                       never: set[tuple[str, str, str]]) -> None:
    """The default extractor keeps the polarity the grammar reads: the model weighs positions, it does not
    turn a refusal into support."""
    graph = extract_text(text, doc_id="t", meta=RU)
    found = {(r["actor"], r["relation"], r["object"]) for r in position_records(graph) if r["relation"] != "GUARANTEES"}
    assert expected <= found
    assert not (never & found)


def test_a_refusal_to_serve_as_guarantor_is_declined() -> None:
    assert ("POL", "GUARANTEES", "UKR", "declined") in rows("Poland declined to serve as a guarantor for Ukraine.")


def test_a_relative_clause_on_an_apposition_carries_its_own_holder() -> None:
    found = stances("Russia is pressing Ukraine to withdraw from the Donbas, a condition Kyiv says it will never "
                    "accept.")
    assert {("RUS", "DEMANDS", "donbas_withdrawal"), ("UKR", "REJECTS", "donbas_withdrawal")} <= found


def test_coordinated_subjects_are_each_holders() -> None:
    assert stances("France and the United Kingdom support a ceasefire.") == {
        ("FRA", "SUPPORTS", "ceasefire"), ("GBR", "SUPPORTS", "ceasefire")}


def test_coordinated_predicates_share_their_subject_not_their_polarity() -> None:
    assert stances("Russia demands a ceasefire and rejects peacekeepers.") == {
        ("RUS", "DEMANDS", "ceasefire"), ("RUS", "REJECTS", "peacekeepers_deployment")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Helsinki demands that Russian forces pull out of all occupied territory.",
     ("FIN", "DEMANDS", "russian_withdrawal")),
    ("Kyiv and Moscow agreed to swap 200 prisoners of war.", ("UKR", "OFFERS", "prisoner_exchange")),
    ("Moscow said it was ready for talks with Kyiv.", ("RUS", "OFFERS", "direct_talks")),
    ("Moscow wants Kyiv to give up the rest of Donetsk.", ("RUS", "DEMANDS", "donbas_withdrawal")),
])
def test_terms_said_in_other_words_are_found_over_the_parse(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in stances(text)


def test_who_withdraws_decides_the_term() -> None:
    assert ("RUS", "DEMANDS", "territorial_concessions") in stances(
        "The Kremlin wants Ukraine to withdraw its troops from the territory of four regions.")
    assert ("UKR", "DEMANDS", "russian_withdrawal") in stances(
        "Kyiv wants Russia to withdraw its troops from the territory of four regions.")


def test_a_condition_is_the_main_holders_demand_and_nothing_hypothetical_counts() -> None:
    found = stances("Ukraine will accept a ceasefire only if Russia releases all prisoners of war.")
    assert ("UKR", "DEMANDS", "prisoner_exchange") in found
    assert not any(actor == "RUS" for actor, _, _ in found)


def test_a_condition_belongs_to_the_main_clause_not_to_a_complement() -> None:
    found = stances("Russia is prepared to let Ukraine pursue EU membership as long as Kyiv drops its plans to "
                    "join NATO.")
    assert {("RUS", "OFFERS", "eu_membership"), ("RUS", "DEMANDS", "nato_non_accession")} <= found


def test_an_obligation_in_reported_speech_is_the_speakers_demand() -> None:
    assert ("RUS", "DEMANDS", "nato_non_accession") in stances("Ukraine must drop its NATO ambitions, Peskov said.")


def test_a_circumstance_is_not_a_complement() -> None:
    """"during the talks" says when, not what is wanted."""
    assert ("RUS", "DEMANDS", "direct_talks") not in stances("During the talks, Russia demanded a ceasefire.")


def test_guarantors_named_on_the_guarantee() -> None:
    assert ("USA", "GUARANTEES", "UKR", "willing") in rows(
        "Zelensky said U.S. security guarantees for Ukraine are ready.")
    assert ("USA", "GUARANTEES", "UKR", "proposed") in rows(
        "Zelensky said Ukraine must receive security guarantees, including from Washington.")


def test_a_coalition_speaks_for_its_members_in_guarantor_lists() -> None:
    found = rows("Kyiv wants security guarantees underwritten by the permanent members of the UN Security Council.")
    assert {g for _, r, _, g in found if r == "GUARANTEES"} == {"proposed"}
    assert {a for a, r, _, _ in found if r == "GUARANTEES"} == {"USA", "GBR", "FRA", "CHN", "RUS"}


def test_a_stance_said_of_the_term_as_subject() -> None:
    assert ("RUS", "REJECTS", "peacekeepers_deployment") in stances("Peacekeepers were rejected by Moscow.")
    assert ("UKR", "REJECTS", "neutral_status") in stances(
        "For Kyiv, neutrality would amount to surrender.")


def test_these_conditions_stand_for_the_terms_just_stated() -> None:
    found = stances("Moscow demands demilitarisation and neutral status for Ukraine. "
                    "Kyiv says such conditions would be tantamount to capitulation.")
    assert {("RUS", "DEMANDS", "demilitarization"), ("RUS", "DEMANDS", "neutral_status"),
            ("UKR", "REJECTS", "demilitarization"), ("UKR", "REJECTS", "neutral_status")} <= found


def test_they_is_the_group_of_actors_named_before() -> None:
    found = stances("Estonia, Latvia and Lithuania met in Riga on Friday. They urged a clear path to Ukraine's "
                    "membership of NATO.")
    assert {("EST", "DEMANDS", "ukraine_nato_membership"), ("LVA", "DEMANDS", "ukraine_nato_membership"),
            ("LTU", "DEMANDS", "ukraine_nato_membership")} <= found


def test_a_plan_speaks_for_its_author() -> None:
    found = stances("Washington drafted a new peace plan last week. It calls for a ceasefire along the current "
                    "front line. It also scraps the pledge not to expand NATO.")
    assert {("USA", "DEMANDS", "ceasefire"), ("USA", "DEMANDS", "freeze_on_current_lines")} <= found
    assert ("USA", "REJECTS", "no_nato_expansion") in found


def test_a_coalition_speaks_for_its_members() -> None:
    found = stances("The E3 called for a ceasefire.")
    assert {("GBR", "DEMANDS", "ceasefire"), ("FRA", "DEMANDS", "ceasefire"), ("DEU", "DEMANDS", "ceasefire")} <= found


def test_a_removal_negates_what_it_removes() -> None:
    found = stances("Moscow said any deal depends on the removal of the root causes, including Ukraine's bid to "
                    "join NATO.")
    assert ("RUS", "DEMANDS", "nato_non_accession") in found
    assert ("RUS", "DEMANDS", "ukraine_nato_membership") not in found


def test_reported_content_after_saying_is_not_governed_by_the_main_verb() -> None:
    found = stances("Russia rejected the proposal, saying it would never give up any territory.")
    assert ("RUS", "REJECTS", "russian_withdrawal") in found
    assert ("RUS", "SUPPORTS", "russian_withdrawal") not in found


def test_a_condition_waiting_for_its_holder_never_names_an_empty_proposer() -> None:
    """Regression: the placeholder holder of a condition leaked into `proposed_by` and failed validation."""
    found = rows("The report said the deal would involve Russian troops leaving Ukraine in exchange for security "
                 "guarantees from the United States.")
    assert ("USA", "GUARANTEES", "UKR", "proposed") in found


def test_a_transcript_heading_gives_the_text_its_speaker() -> None:
    text = ("Speech by the President of Ukraine at the security conference\n\n"
            "We want peace.\n\nAnd new, effective security guarantees for Ukraine.\n\n"
            "Provide Ukraine with a clear European perspective.")
    found = stances(text)
    assert {("UKR", "DEMANDS", "security_guarantees_ukraine"), ("UKR", "DEMANDS", "eu_membership")} <= found


def test_the_idea_stands_for_the_term_just_named() -> None:
    found = stances("France and Britain have floated the deployment of European peacekeepers. "
                    "Moscow categorically rejected the idea.")
    assert ("RUS", "REJECTS", "peacekeepers_deployment") in found


def test_concessions_made_are_their_makers() -> None:
    found = stances("Putin rules out making any territorial concessions.")
    assert ("RUS", "REJECTS", "russian_withdrawal") in found
    assert not any(term == "territorial_concessions" for _, _, term in found)


def test_both_sides_are_the_parties_named_together() -> None:
    found = stances("Ukraine and Russia held a second round of talks in Abu Dhabi. "
                    "Both sides agreed to exchange 300 prisoners of war.")
    assert {("UKR", "OFFERS", "prisoner_exchange"), ("RUS", "OFFERS", "prisoner_exchange")} <= found


@pytest.mark.parametrize(("text", "expected"), [
    ("Putin said he was now prepared to meet Zelensky.", ("RUS", "OFFERS", "leaders_summit")),
    ("The Kremlin said Ukraine must drop its NATO ambitions.", ("RUS", "DEMANDS", "nato_non_accession")),
    ("Ukraine demands that Russia withdraw its troops from all occupied territories.",
     ("UKR", "DEMANDS", "russian_withdrawal")),
    ("Russia and Ukraine agreed to an exchange of 314 prisoners of war.", ("RUS", "OFFERS", "prisoner_exchange")),
])
def test_the_paraphrases_named_in_issue_8(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in stances(text)


def test_pushing_someone_to_concede_is_a_demand() -> None:
    assert stances("Washington keeps pushing Kyiv to accept territorial concessions.") == {
        ("USA", "DEMANDS", "territorial_concessions")}


def test_giving_up_a_named_region_is_its_withdrawal() -> None:
    assert stances("The president said Ukraine would never give up the Donbas.") == {
        ("UKR", "REJECTS", "donbas_withdrawal")}


def test_a_control_verb_lends_its_subject_to_the_predicate_below() -> None:
    assert stances("Budapest tried to block Ukraine's accession to the European Union.") == {
        ("HUN", "REJECTS", "eu_membership")}
    assert not stances("The Kremlin did not try to block the prisoner exchange.")


def test_accession_talks_are_about_membership_not_peace_talks() -> None:
    assert stances("Hungary has threatened to veto the EU accession talks for Ukraine.") == {
        ("HUN", "REJECTS", "eu_membership")}


def test_not_interested_is_a_rejection() -> None:
    assert stances("The Kremlin is not interested in a ceasefire.") == {("RUS", "REJECTS", "ceasefire")}


def test_being_a_member_of_nato_is_membership() -> None:
    assert stances("Kyiv insists that Ukraine must become a member of NATO.") == {
        ("UKR", "DEMANDS", "ukraine_nato_membership")}


def test_a_predicate_said_of_the_object_is_the_subjects_stance() -> None:
    """Secondary predication: "set X as a condition", "regards X as unacceptable"."""
    assert stances("The Kremlin set the withdrawal of Ukrainian troops from the Donbas as a condition for talks.") \
        == {("RUS", "DEMANDS", "donbas_withdrawal")}  # and "talks" are conditioned, not demanded
    assert stances("Kyiv regards any freeze along the current front line as unacceptable.") == {
        ("UKR", "REJECTS", "freeze_on_current_lines")}


def test_a_verb_with_an_object_before_its_preposition_is_no_phrasal_verb() -> None:
    """"called the proposal for a ceasefire unacceptable" is no "call for" (the parser hangs "for" on the verb)."""
    assert ("RUS", "DEMANDS", "ceasefire") not in stances(
        "The Kremlin called the European proposal for a ceasefire unacceptable.")


def test_opposed_and_committed_are_stances() -> None:
    assert stances("Moscow remains opposed to any deployment of Western troops in Ukraine.") == {
        ("RUS", "REJECTS", "peacekeepers_deployment")}
    assert stances("Kyiv remains committed to a full ceasefire.") == {("UKR", "OFFERS", "ceasefire")}


def test_a_plan_shared_by_an_actor_speaks_for_it_and_carries_its_demands() -> None:
    """"shared a plan" names the plan's author; "the proposal included calls for X" is the author's demand."""
    found = stances("The White House shared a peace plan with Kyiv. The leaked proposal included calls for "
                    "Ukraine to reduce its army, terms Ukraine swiftly rejected.")
    assert found == {("USA", "DEMANDS", "armed_forces_limits"), ("UKR", "REJECTS", "armed_forces_limits")}


def test_permission_in_reported_speech_is_the_speakers_support() -> None:
    assert stances("Lavrov said Ukraine can join the European Union.") == {("RUS", "SUPPORTS", "eu_membership")}
    assert stances("Peskov said Ukraine cannot join NATO.") == {("RUS", "SUPPORTS", "nato_non_accession")}


def test_idioms_of_refusal_said_of_the_term() -> None:
    assert stances("“Neutrality is out of the question,” a senior Ukrainian official said.") == {
        ("UKR", "REJECTS", "neutral_status")}
    assert stances("Land concessions are off the table, Zelensky said.") == {
        ("UKR", "REJECTS", "territorial_concessions")}
    assert stances("Kyiv said NATO membership was not off the table.") == {
        ("UKR", "SUPPORTS", "ukraine_nato_membership")}


def test_including_names_a_member_of_what_is_supported() -> None:
    assert stances("Beijing supported all efforts conducive to peace, including a ceasefire.") == {
        ("CHN", "SUPPORTS", "ceasefire")}


def test_a_withdrawal_is_from_the_place_it_names() -> None:
    """A place word deeper in the sentence ("Ukraine's strongest defences") is not where troops withdraw from."""
    assert stances("Moscow wants Kyiv to pull its troops from the whole region, including towns seen as "
                   "Ukraine's strongest defences.") == {("RUS", "DEMANDS", "donbas_withdrawal")}
    assert stances("Helsinki demands that Russia withdraw from Ukrainian territory.") == {
        ("FIN", "DEMANDS", "russian_withdrawal")}


def test_the_ceding_of_territory_is_a_concession() -> None:
    assert ("RUS", "DEMANDS", "territorial_concessions") in stances(
        "Russia repeated its demands, which include the ceding of territory to Russia.")


def test_a_freeze_on_membership_is_non_accession() -> None:
    assert stances("Washington proposed a moratorium on Ukraine's NATO membership.") == {
        ("USA", "SUPPORTS", "nato_non_accession")}


def test_terms_set_out_before_a_colon_are_the_speakers() -> None:
    """"he" is a person (never the state named in the clause), the colon hands his terms over, the
    auxiliary is shared by both verbs, and so is their subject: who withdraws decides the term."""
    found = stances("Putin spoke to Russian diplomats on Friday. In his speech, he set out his terms: Ukraine must "
                    "drop its NATO ambitions and withdraw its troops from all of the territory of the four regions.")
    assert found == {("RUS", "DEMANDS", "nato_non_accession"), ("RUS", "DEMANDS", "territorial_concessions")}


def test_a_refusal_inside_a_condition_is_a_threat_not_a_demand() -> None:
    found = stances("If Russia rejects the ceasefire, the United States will impose new sanctions.")
    assert not [s for s in found if s[2] == "ceasefire"]


def test_keeping_ukraine_out_of_nato_is_non_accession() -> None:
    assert stances("Moscow has long sought to keep Ukraine out of NATO.") == {("RUS", "DEMANDS", "nato_non_accession")}


def test_guarantors_named_by_another_party_are_proposed_by_it() -> None:
    assert rows("Moscow demanded that China be among the guarantors of any agreement.") == {
        ("CHN", "GUARANTEES", "UKR", "proposed")}
    assert rows("Kyiv wants the United States, Britain and Germany to be among the guarantors.") == {
        ("USA", "GUARANTEES", "UKR", "proposed"), ("GBR", "GUARANTEES", "UKR", "proposed"),
        ("DEU", "GUARANTEES", "UKR", "proposed")}


def test_a_guarantor_refusing_to_be_one_declines() -> None:
    assert rows("The United States will not be a guarantor of Ukraine's security, the secretary said.") == {
        ("USA", "GUARANTEES", "UKR", "declined")}


def test_another_states_accession_is_not_ukraines() -> None:
    assert not stances("Moscow said it would respond if Finland joins NATO.")


def test_a_condition_under_a_threat_is_not_a_demand() -> None:
    assert not stances("Moscow threatened to retaliate if Ukraine joins NATO.")


def test_seeing_a_term_as_a_threat_is_opposing_it() -> None:
    assert stances("Moscow sees NATO enlargement as a threat.") == {("RUS", "SUPPORTS", "no_nato_expansion")}


def test_going_to_is_a_future_and_trading_land_is_a_concession() -> None:
    assert stances("Ukraine is not going to trade its territory for peace.") == {
        ("UKR", "REJECTS", "territorial_concessions")}
    assert stances("Moscow is going to demand a ceasefire.") == {("RUS", "DEMANDS", "ceasefire")}


def test_an_institution_of_a_state_speaks_for_it() -> None:
    assert stances("The Ministry of Foreign Affairs of Ukraine rejects any attempt to legitimise the "
                   "occupation of Crimea.") == {("UKR", "REJECTS", "crimea_recognition")}


def test_troops_sent_to_ukraine_with_words_between_are_a_deployment() -> None:
    assert stances("Moscow's spokeswoman said that any deployment of troops from NATO countries to Ukraine, "
                   "under any flag, would be unacceptable to Russia.") == \
        {("RUS", "REJECTS", "peacekeepers_deployment")}


def test_stopping_a_term_negates_it_and_stopping_the_fighting_is_a_ceasefire() -> None:
    assert stances("Moscow insists that the West stop supplying long-range missiles to Kyiv.") == {
        ("RUS", "REJECTS", "long_range_weapons")}
    assert stances("Kyiv is ready to stop the fighting.") == {("UKR", "OFFERS", "ceasefire")}


def test_a_clue_is_no_stance() -> None:
    assert not stances("There is still no sign that Washington is pushing for a deal to end the fighting.")


def test_terms_said_with_a_verb_and_its_subject() -> None:
    assert stances("Moscow wants a legally binding guarantee that NATO will not expand eastwards.") == {
        ("RUS", "DEMANDS", "no_nato_expansion")}
    assert stances("Moscow wants Kyiv to renounce nuclear weapons.") == {("RUS", "DEMANDS", "non_nuclear_status")}


def test_a_speech_in_the_first_person() -> None:
    found = stances("Statement by the Minister of Foreign Affairs of the Russian Federation\n\n"
                    "We demand guarantees of our security. Any talk of returning Crimea is unacceptable.")
    assert found == {("RUS", "DEMANDS", "security_guarantees_russia"), ("RUS", "REJECTS", "territorial_integrity")}


def test_a_stance_noun_as_subject_states_the_term() -> None:
    assert stances("The Kremlin's key demands are neutrality and the withdrawal of Ukrainian troops from the "
                   "Donbas.") == {("RUS", "DEMANDS", "neutral_status"), ("RUS", "DEMANDS", "donbas_withdrawal")}
    assert stances("Russia's conditions include Ukraine's neutrality.") == {("RUS", "DEMANDS", "neutral_status")}


def test_a_plans_passive_futures_are_its_authors_terms() -> None:
    found = stances("Washington drafted a peace plan last week. Under it, NATO troops would not be stationed in "
                    "Ukraine, and any swaps of land would be negotiated later.")
    assert found == {("USA", "SUPPORTS", "no_foreign_troops")}  # a negotiated swap is a topic, not talks


def test_front_lines_said_to_be_frozen_are_a_freeze() -> None:
    assert stances("Washington drafted a peace plan last week. Front lines in the south would also be frozen.") == {
        ("USA", "SUPPORTS", "freeze_on_current_lines")}


def test_a_fear_about_another_party_is_no_stance() -> None:
    assert not stances("Ukrainian officials fear that Washington will pressure Kyiv into accepting territorial "
                       "concessions.")


def test_ceding_control_of_territory_is_a_concession() -> None:
    assert ("UKR", "OFFERS", "territorial_concessions") in stances(
        "Zelensky said he was willing to cede control of some territory in exchange for NATO membership.")


def test_it_as_the_object_of_a_stance_is_the_term_named_before() -> None:
    assert stances("Washington supports a ceasefire, but Moscow opposes it.") == {
        ("USA", "SUPPORTS", "ceasefire"), ("RUS", "REJECTS", "ceasefire")}


def test_considering_x_a_threat_is_no_offer_of_x() -> None:
    found = stances("The minister disagreed with any presence of European peacekeepers in Ukraine, considering it "
                    "a threat to Russia's security.")
    assert ("RUS", "OFFERS", "peacekeepers_deployment") not in found
    assert stances("Moscow considers Ukraine's neutrality a precondition.") == {("RUS", "DEMANDS", "neutral_status")}


def test_taking_part_in_a_term_passes_the_stance_through() -> None:
    assert stances("Germany said it was prepared to take part in security guarantees for Ukraine.") == {
        ("DEU", "OFFERS", "security_guarantees_ukraine")}
    assert not stances("The envoy, who took part in earlier talks with Russian officials, flew home.")


def test_refusing_to_provide_ukraine_with_guarantees_declines() -> None:
    assert rows("Washington refused to provide Ukraine with security guarantees.") == {
        ("USA", "GUARANTEES", "UKR", "declined")}


def test_giving_up_crimea_is_a_concession_by_whoever_holds_it() -> None:
    assert stances("Trump said Ukraine would have to give up Crimea.") == \
        {("USA", "DEMANDS", "territorial_concessions")}
    assert stances("Moscow will never give up Crimea.") == {("RUS", "REJECTS", "russian_withdrawal")}


def test_skepticism_about_providing_a_guarantee_is_no_willingness() -> None:
    assert rows("Britain's deputy prime minister expressed skepticism about a proposal to provide a security "
                "guarantee to a non-NATO member.") == {("GBR", "GUARANTEES", "UKR", "declined")}


def test_a_subject_term_keeps_its_own_clauses_and_its_evaluators() -> None:
    assert stances("A 30-day truce, backed by Washington, was rejected by Moscow.") == {
        ("USA", "SUPPORTS", "ceasefire"), ("RUS", "REJECTS", "ceasefire")}
    assert stances("Territorial concessions are not acceptable to Kyiv.") == {
        ("UKR", "REJECTS", "territorial_concessions")}


def test_whose_points_back_to_the_antecedent() -> None:
    assert stances("Putin, whose demands include Ukraine's neutrality, spoke for an hour.") == {
        ("RUS", "DEMANDS", "neutral_status")}


def test_no_or_little_will_is_a_refusal() -> None:
    assert stances("Moscow has shown little appetite for a ceasefire.") == {("RUS", "REJECTS", "ceasefire")}
    assert stances("The Kremlin has no plans to withdraw its troops from Ukraine.") == {
        ("RUS", "REJECTS", "russian_withdrawal")}
    assert stances("Ukraine has no intention of giving up its NATO aspirations.") == {
        ("UKR", "REJECTS", "nato_non_accession")}


def test_the_subject_of_a_wanted_infinitive_is_what_is_wanted() -> None:
    assert stances("Kyiv wants an unconditional ceasefire to begin on Monday.") == {("UKR", "DEMANDS", "ceasefire")}
    assert stances("Moscow does not want the talks to resume.") == {("RUS", "REJECTS", "direct_talks")}


def test_a_document_demanding_a_term_speaks_for_whoever_submitted_it() -> None:
    assert stances("Russia submitted a memorandum demanding that Ukraine withdraw from four regions.") == {
        ("RUS", "DEMANDS", "donbas_withdrawal")}


def test_freezing_the_conflict_is_a_freeze() -> None:
    assert stances("The Kremlin has said it will not accept a freeze of the conflict.") == {
        ("RUS", "REJECTS", "freeze_on_current_lines")}


def test_a_condition_does_not_hide_the_general_term_it_refines() -> None:
    assert stances("Ukraine will only agree to a ceasefire if it is monitored by international observers.") == {
        ("UKR", "OFFERS", "ceasefire"), ("UKR", "DEMANDS", "ceasefire_monitoring")}


def test_a_declaration_in_the_future_and_a_cap_on_troops() -> None:
    assert stances("Under the draft, Ukraine would have declared permanent neutrality.") == {
        ("UKR", "OFFERS", "neutral_status")}
    assert stances("Moscow insisted on a cap of 85,000 troops.") == {("RUS", "DEMANDS", "armed_forces_limits")}


def test_a_peacekeeping_force_and_halting_an_offensive() -> None:
    assert stances("Moscow reiterated its opposition to any Western peacekeeping force.") == {
        ("RUS", "REJECTS", "peacekeepers_deployment")}
    assert stances("Putin offered to halt the offensive if Kyiv withdrew from the four regions.") == {
        ("RUS", "OFFERS", "ceasefire"), ("RUS", "DEMANDS", "donbas_withdrawal")}


def test_a_term_that_must_be_done_is_the_speakers_demand() -> None:
    assert stances("Putin said elections in Ukraine must be held before any deal is signed.") == {
        ("RUS", "DEMANDS", "ukraine_elections")}
    assert not [s for s in stances("Podolyak said the issue of the recognition of Crimea should be separated from "
                                   "the talks.") if s[2] == "crimea_recognition"]


def test_an_inverted_nor_clause_is_a_refusal() -> None:
    assert stances("Nor would Kyiv accept any recognition of occupied Crimea, the foreign minister said.") == {
        ("UKR", "REJECTS", "crimea_recognition")}


def test_as_soon_as_marks_the_condition_the_speaker_asks_for() -> None:
    found = stances("Putin said Russia would order a ceasefire as soon as Ukraine withdrew its troops from the "
                    "Donetsk region.")
    assert ("RUS", "DEMANDS", "donbas_withdrawal") in found
    assert not {s for s in found if s[2] == "donbas_withdrawal" and s[1] == "REJECTS"}


def test_a_future_said_by_another_speaker_is_not_the_plans_voice() -> None:
    """After Moscow's memorandum is described, "Ukraine would never withdraw …, Zelensky said" is Kyiv's refusal,
    not a term of Moscow's plan."""
    found = stances("Moscow handed over a memorandum on Monday. Zelensky dismissed the memorandum and said "
                    "Ukraine would never withdraw its troops from the Donbas.")
    assert ("UKR", "REJECTS", "donbas_withdrawal") in found
    assert not {s for s in found if s[0] == "RUS" and s[2] == "donbas_withdrawal"}


def test_a_terms_own_complement_is_not_whose_goal_it_is() -> None:
    """"the goals of demilitarization of Ukraine": Ukraine is what the term is about; the goals are the
    speaker's, who reports them."""
    assert stances("Lavrov said the goals of demilitarization of Ukraine remain fully in force.") == {
        ("RUS", "DEMANDS", "demilitarization")}


def test_calling_a_term_a_mistake_is_the_callers_refusal() -> None:
    found = stances("Peskov said Ukraine's membership of NATO would be dangerous, and called the G7 security "
                    "commitments a mistake.")
    assert ("RUS", "REJECTS", "security_guarantees_ukraine") in found
    assert not {s for s in found if s[0] == "UKR"}


def test_negotiators_with_a_demonym_are_their_states_not_the_group_named_before() -> None:
    assert stances("China, France, Britain and the US met in Geneva. Ukrainian negotiators had pushed for a "
                   "commitment under which guarantors would be obliged to help defend Ukraine.") == {
        ("UKR", "DEMANDS", "article5_guarantee")}


def test_a_conditional_refusal_said_by_another_speaker_is_not_the_plans_voice() -> None:
    assert stances("Moscow handed over a memorandum on Monday. Nor would Ukraine accept any recognition of "
                   "occupied Crimea, Foreign Minister Andrii Sybiha said.") == \
        {("UKR", "REJECTS", "crimea_recognition")}


def test_what_nobody_has_said_is_nobodys_stance() -> None:
    assert stances("Neither Washington nor Kyiv has said the current front line should be frozen.") == set()
    assert stances("Kyiv has not said that the front line should be frozen.") == set()


def test_setting_the_terms_is_an_idiom_not_the_terms_named_before() -> None:
    assert stances("Russia demands a ceasefire. Kyiv says it will not let Moscow set the terms.") == {
        ("RUS", "DEMANDS", "ceasefire")}


def test_a_gerund_subject_is_not_the_reporting_speakers_demand() -> None:
    found = stances("Blinken warned that calling for a ceasefire that leaves Russian forces in place would be a "
                    "gift to Moscow.")
    assert not {s for s in found if s[0] == "USA" and s[1] != "REJECTS"}


def test_what_a_control_verb_keeps_saying_is_its_subjects() -> None:
    assert stances("Mr Putin also continues to insist that Ukraine must never join NATO.") == {
        ("RUS", "DEMANDS", "nato_non_accession")}


def test_a_stance_said_of_a_term_in_a_second_verb_that_shares_it_as_subject() -> None:
    assert stances("Peskov warned that Western security guarantees for Ukraine would infringe on Russia's security "
                   "and would be a mistake.") == {("RUS", "REJECTS", "security_guarantees_ukraine")}
    assert stances("Peskov said Ukraine's membership of NATO would be absolutely dangerous.") == {
        ("RUS", "REJECTS", "ukraine_nato_membership")}


def test_a_question_states_no_position() -> None:
    assert stances("Will Germany deliver the Taurus missiles to Ukraine?") == set()
    assert rows("Would Washington agree to act as a guarantor of Ukraine's security?") == set()
    assert stances("Germany will deliver the Taurus missiles to Ukraine, Merz said.") != set()


def test_it_in_a_clause_stated_as_an_actors_position_is_that_actor() -> None:
    assert stances("Russia has failed to capture the city. Kyiv's bottom line is that it will not hand over land "
                   "that Russia has failed to capture.") == {("UKR", "REJECTS", "territorial_concessions")}


def test_a_term_not_yet_agreed_is_no_refusal_but_one_not_accepted_by_an_actor_is() -> None:
    assert stances("Ukrainian officials said a ceasefire had not been agreed.") == set()
    assert stances("The ceasefire was not accepted by Moscow.") == {("RUS", "REJECTS", "ceasefire")}


def test_the_inadmissibility_of_a_term_is_its_rejection() -> None:
    assert stances("Lavrov stressed that Russia's principled position on the inadmissibility of Ukraine's "
                   "membership in NATO remained unchanged.") == {("RUS", "REJECTS", "ukraine_nato_membership")}


def test_the_conditions_are_what_the_sentence_before_asked_for() -> None:
    found = stances("Putin said Russia would order a ceasefire as soon as Ukraine withdrew its troops from the "
                    "Donbas. Kyiv dismissed the conditions as an ultimatum.")
    assert ("UKR", "REJECTS", "donbas_withdrawal") in found
    assert ("UKR", "REJECTS", "ceasefire") not in found


def test_a_plan_being_discussed_is_nobodys_stance() -> None:
    assert stances("Podolyak said on Wednesday that a potential plan for security guarantees was being "
                   "discussed.") == set()


def test_a_threat_if_a_term_is_refused_asks_for_the_term() -> None:
    assert stances("Mr Trump had threatened very severe consequences if Russia did not agree to a ceasefire.") == {
        ("USA", "DEMANDS", "ceasefire")}
    assert ("RUS", "DEMANDS", "ukraine_nato_membership") not in stances(
        "Moscow threatened to retaliate if Ukraine joins NATO.")
