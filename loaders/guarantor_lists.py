"""Runs of actor names around a guarantee cue: "guarantees from Russia, the US, China … and Turkey" (after
it), "names Britain, China and Turkey as possible guarantors" (before it). A coalition stands for its members;
what may join two names of a list is the codebook's (`guarantee_lists.continue`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from graph.vocabulary import ActorKind, MentionKind
from loaders.codebook import Codebook
from loaders.mentions import Mention

_PARENTHESIS = re.compile(r"\([^()]*\)")


def coalition_members(cb: Codebook, actor: str) -> tuple[str, ...]:
    """The known members of a coalition ("the E3"); () for any other actor."""
    info = cb.actors.get(actor)
    if info is None or info.kind != ActorKind.COALITION:
        return ()
    return tuple(m for m in info.members if m in cb.actors)


@dataclass(frozen=True, slots=True)
class NameLists:
    """The lists of one document's text."""

    text: str
    cb: Codebook
    list_words: frozenset[str]  # the words that may join two names of a list ("and", "as well as" …)

    def before(self, i: int, ms: list[Mention]) -> list[str]:
        """The run of actor names that ends just before a cue ("names Britain, China and Turkey as possible
        guarantors", "named the US, Britain … and Israel among the states it wanted as guarantors")."""
        before = [m for m in ms[:i] if m.kind == MentionKind.ACTOR and not m.attrs.get("demonym")
                  and ms[i].start - m.end <= 40]
        if not before:
            return []
        run = [before[-1]]
        for m in reversed(ms[:ms.index(before[-1])]):
            gap = _PARENTHESIS.sub(" ", self.text[m.end:run[-1].start]).lower().replace("as well as", "and")
            if not self._joins(gap):
                break
            if m.kind == MentionKind.ACTOR and not m.attrs.get("demonym") and not m.attrs.get("possessive"):
                run.append(m)
            elif m.kind != MentionKind.GROUP:
                break
        return self._actors_of(reversed(run))

    def _joins(self, gap: str) -> bool:
        """Is the text between two names (parentheses removed) only what joins a list ("," "and" dashes)?"""
        words = [w.lower() for w in re.findall(r"[\w']+|[(),]", gap)]
        return not any(w not in self.list_words and not w.isdigit() for w in words) and "." not in gap \
            and ";" not in gap

    def _actors_of(self, names: Iterable[Mention]) -> list[str]:
        """The actors a run of names stands for, in order, once each; a coalition stands for its members."""
        found: list[str] = []
        for m in names:
            for actor in coalition_members(self.cb, m.id) or (m.id,):
                if actor not in found:
                    found.append(actor)
        return found

    def after(self, i: int, ms: list[Mention]) -> list[str]:
        """The run of actor names right after a cue: "from Russia, the US, China, … and Turkey"; a coalition
        stands for its members, and a parenthetical remark ("(Ukraine's choice)") does not end the run."""
        run: list[Mention] = []
        pos = ms[i].end
        for m in ms[i + 1:]:
            if ("(" in self.text[pos:m.start] and ")" not in self.text[pos:m.start]) or \
                    (m.kind == MentionKind.ACTOR and m.attrs.get("possessive")):
                continue  # inside a parenthetical remark
            if not self._joins(_PARENTHESIS.sub(" ", self.text[pos:m.start])):
                break
            if m.kind == MentionKind.ACTOR and not m.attrs.get("demonym"):
                run.append(m)
            elif m.kind != MentionKind.GROUP and self.text[m.start:m.end].lower() not in self.list_words:
                break
            pos = m.end
        return self._actors_of(run)

