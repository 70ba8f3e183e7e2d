"""Text as it comes: each shape real news arrives in, normalised before the sentence splitter sees it."""

from loaders.normalise import normalise_text
from loaders.sentences import split_sentences

WRAPPED = """MODERATOR:  Thanks for joining us this afternoon.  Our first speaker
is the deputy envoy, who will give a short overview before we take your
questions.  Please keep them brief.

DEPUTY ENVOY:  Good afternoon.  The delegation arrived in the capital this
morning and met the mediators for three hours.  We said again that any
ceasefire has to be monitored by international observers, and that the
prisoner exchange agreed last month must be completed first.

Let me stop there.

MODERATOR:  First question goes to the wire services.  Go ahead, please,
you are unmuted now and we can hear you clearly on the line.
"""


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_hard_wrapped_lines_are_joined_into_their_paragraphs() -> None:
    text = normalise_text(WRAPPED)
    said = [s for s in sentences(text) if s.startswith("We said again")]
    assert said == ["We said again that any ceasefire has to be monitored by international observers, and that the "
                    "prisoner exchange agreed last month must be completed first."]


def test_a_short_line_ends_its_paragraph_and_a_speaker_turn_starts_a_new_line() -> None:
    lines = normalise_text(WRAPPED).split("\n")
    assert "Let me stop there." in lines
    assert any(line.startswith("DEPUTY ENVOY:") for line in lines)
    assert not any("first.\nLet" in line for line in lines)


def test_prose_with_one_paragraph_a_line_is_not_joined() -> None:
    line = "Paragraph {} says the talks in the capital went on for a while and then ended."
    text = "\n".join(line.format(i) for i in range(3))
    text += "\nShort line.\nAnother short line."
    assert normalise_text(text) == text


def test_glued_sentences_get_their_space() -> None:
    text = "GENEVA, May 4.The envoys met on Monday.They agreed on a truce?Nobody knows."
    assert sentences(normalise_text(text)) == ["GENEVA, May 4.", "The envoys met on Monday.",
                                               "They agreed on a truce?", "Nobody knows."]


def test_a_straight_quote_after_a_glued_stop_opens_or_closes_by_balance() -> None:
    opened = normalise_text('the minister told reporters."We will not sign it," she said.')
    assert opened == 'the minister told reporters. "We will not sign it," she said.'
    closed = normalise_text('She said "we are ready."Then the talks began.')
    assert closed == 'She said "we are ready." Then the talks began.'


def test_abbreviations_and_domains_are_not_split() -> None:
    text = "The U.S.Army and the site example.com said so. St.Petersburg hosted it."
    assert normalise_text(text) == "The U.S.Army and the site example.com said so. St. Petersburg hosted it."


def test_entities_and_invisible_characters() -> None:
    raw = "Kyiv&#8217;s envoy said &quot;no&quot; to the deal &amp; the plan.\u200b Zelen\u00adsky\u00a0agreed."
    assert normalise_text(raw) == "Kyiv’s envoy said \"no\" to the deal & the plan. Zelensky agreed."


def test_normalising_twice_changes_nothing() -> None:
    once = normalise_text(WRAPPED + "\nIt ended.Then it resumed.")
    assert normalise_text(once) == once
