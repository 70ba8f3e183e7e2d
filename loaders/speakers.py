"""Who speaks each sentence: next to a verb of saying, by passive attribution ("was stated … by X"), the
quotation a sentence continues, a transcript's or an interview's speaker, a turn opened by a name
("Vladimir Putin: …"); and how a mention of an actor, an official or "we" resolves to a holder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.vocabulary import MentionKind
from loaders.holders import Holder
from loaders.mentions import Mention
from loaders.officials import FoundOfficial

_WORD = re.compile(r"[\w'’-]+")


@dataclass(slots=True)
class SentenceView:
    index: int
    start: int
    end: int
    paragraph: int
    mentions: list[Mention]
    quoted: list[tuple[int, int]]
    speaker: Holder | None = None
    explicit_speaker: bool = False
    holder: Holder | None = None
    in_transcript: bool = False


@dataclass(slots=True)
class Speakers:
    """The speakers of one document's sentences; `officials` is the document's (filled before `find`)."""

    text: str
    officials: dict[str, FoundOfficial]
    prepositions: frozenset[str]  # "discussed with Zelensky": a name after one is not who "he" is next
    transcript_header: re.Pattern[str] | None
    interview_question: re.Pattern[str] | None
    interview_answer: re.Pattern[str] | None
    they: float  # the factor of "they" for the last actor named (the codebook's grammar.confidence.they)

    def _official_holder(self, official_id: str) -> Holder | None:
        found = self.officials.get(official_id)
        if found is None or found.represents is None:
            return None
        return Holder(found.represents, official_id, how="official")

    def find(self, views: list[SentenceView]) -> None:
        """The speaker of each sentence: next to a verb of saying, by passive attribution, or by the quotation
        it continues. Pronouns and "the diplomat" resolve to the last official named before them."""
        last_official: str | None = None
        for view in views:
            for m in view.mentions:
                if m.kind == MentionKind.OFFICIAL_ANAPHORA:
                    m.attrs["official"] = last_official
                if m.kind == MentionKind.OFFICIAL and m.id in self.officials and (
                        self._word_before(m.start)[0] not in self.prepositions
                        or self.text[m.end:m.end + 2] in ("'s", "’s")):
                    last_official = m.id  # "discussed with Zelensky … Then he rejected": he is not Zelensky;
                    # but "In Putin's speech, he …" is Putin
            speaker = self._explicit_speaker(view)
            passive = next((m for m in view.mentions if m.kind == MentionKind.PASSIVE_ATTRIBUTION), None)
            if passive is not None:  # "This was stated to Izvestia by X": X spoke, here and just before
                by = next((m for m in view.mentions if m.start >= passive.end and m.start - passive.end < 60
                           and m.kind in (MentionKind.OFFICIAL, MentionKind.ACTOR, MentionKind.OFFICIAL_ANAPHORA)),
                          None)
                speaker = (self.mention_holder(by, view) if by else None) or speaker
                prev = views[view.index - 1] if view.index else None
                if speaker and prev is not None and not prev.explicit_speaker:
                    prev.speaker, prev.explicit_speaker = speaker, True
            if speaker:
                view.speaker, view.explicit_speaker = speaker, True
        transcript: Holder | None = None  # "Speech by the President of Ukraine": the rest is in his voice
        for view in views:
            line = self.text[view.start:view.end]
            if self.transcript_header is not None and len(line) < 160 and self.transcript_header.match(line):
                by = next((m for m in view.mentions if m.kind in (MentionKind.OFFICIAL, MentionKind.ACTOR)), None)
                transcript = self.mention_holder(by, view) if by else None
            elif transcript is not None and not view.quoted and not view.speaker:
                view.speaker, view.in_transcript = transcript, True
        self._paragraph_voices(views)
        for view in views:  # quotations spread their speaker over the paragraph's sentences
            if view.speaker or not view.quoted:
                continue
            same = [v for v in views if v.paragraph == view.paragraph and v.explicit_speaker and v.quoted]
            if same:
                nearest = min(same, key=lambda v: (abs(v.index - view.index), v.index < view.index))
                view.speaker = nearest.speaker

    def _paragraph_voices(self, views: list[SentenceView]) -> None:
        """Paragraphs spoken by one official, outside quotation marks ("we" is the official's state): the
        answers of a Q&A interview ("Q: …" / "A: …", the official the text names before its first question),
        and transcript turns opened by the speaker's name ("Vladimir Putin: We are ready.")."""
        first_question, interviewee = self._interview(views)
        paragraph, voice = -1, None
        for view in views:
            if view.paragraph != paragraph:
                paragraph, voice = view.paragraph, None
                opening = next(iter(view.mentions), None)
                if interviewee is not None and view.index >= first_question \
                        and self.interview_answer is not None and self.interview_answer.match(self.text, view.start):
                    voice = interviewee
                elif opening is not None and opening.kind == MentionKind.OFFICIAL \
                        and not self.text[view.start:opening.start].strip() \
                        and self.text[opening.end:opening.end + 2].lstrip().startswith(":"):
                    voice = self.mention_holder(opening, view)
            if voice is not None and not view.quoted and not view.speaker:
                view.speaker, view.in_transcript = voice, True

    def _interview(self, views: list[SentenceView]) -> tuple[int, Holder | None]:
        """Where a Q&A interview's first question is, and the official named before it (None: no interview)."""
        if self.interview_question is None:
            return -1, None
        first = next((v for v in views if self.interview_question.match(self.text, v.start)), None)
        if first is None:
            return -1, None
        named = next(((m, v) for v in views[:first.index] for m in v.mentions if m.kind == MentionKind.OFFICIAL), None)
        return first.index, self.mention_holder(*named) if named else None

    def _explicit_speaker(self, view: SentenceView) -> Holder | None:
        ms = view.mentions
        for i, m in enumerate(ms):
            if m.kind != MentionKind.SPEECH or self.in_quote(m, view):
                continue
            verb = self.text[m.start:m.end].lower()
            after_only = verb.startswith(("according", "in "))
            if verb.startswith("in "):  # "in his opinion"
                own = self._anaphor_holder(m)
                if own:
                    return own
            candidates = []
            if not after_only:
                for prev in reversed(ms[:i]):
                    if m.start - prev.end > 60:
                        break
                    if prev.kind in (MentionKind.OFFICIAL, MentionKind.OFFICIAL_ANAPHORA, MentionKind.ACTOR):
                        candidates.append(prev)
                        break
            for nxt in ms[i + 1:]:
                if nxt.start - m.end > 30:
                    break
                if nxt.kind in (MentionKind.OFFICIAL, MentionKind.OFFICIAL_ANAPHORA, MentionKind.ACTOR):
                    candidates.append(nxt)
                    break
            for cand in sorted(candidates, key=lambda c: c.kind != MentionKind.OFFICIAL):
                found = self.mention_holder(cand, view)
                if found:
                    return found
        return None

    def _anaphor_holder(self, m: Mention) -> Holder | None:
        official = m.attrs.get("official")
        return self._official_holder(official) if official else None

    def mention_holder(self, m: Mention, view: SentenceView) -> Holder | None:
        if m.kind == MentionKind.OFFICIAL:
            return self._official_holder(m.id)
        if m.kind == MentionKind.OFFICIAL_ANAPHORA:
            return self._anaphor_holder(m)
        if m.kind == MentionKind.ACTOR:
            return Holder(m.id, how="actor")
        if m.kind == MentionKind.FIRST_PERSON and (self.in_quote(m, view) or view.in_transcript) and view.speaker:
            return Holder(view.speaker.actor, view.speaker.official, how="first person")
        if m.kind == MentionKind.PLURAL_ANAPHORA:
            before = [a for a in view.mentions if a.kind == MentionKind.ACTOR and a.end <= m.start]
            if before:
                return Holder(before[-1].id, factor=self.they, how="they")
            return None
        return None

    @staticmethod
    def in_quote(m: Mention, view: SentenceView) -> bool:
        return any(s <= m.start < e for s, e in view.quoted)

    def _word_before(self, pos: int, skip: tuple[str, ...] = ("the", "a", "an", "its", "their")) -> tuple[str, int]:
        words = list(_WORD.finditer(self.text[max(0, pos - 80):pos]))
        base = max(0, pos - 80)
        for w in reversed(words):
            word = w.group().lower()
            if word in skip:
                continue
            return word, base + w.start()
        return "", pos
