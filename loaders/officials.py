"""Officials: known ones by name, unknown ones by a role cue next to a name, and the actor each speaks for.

"Special Envoy of the US President Steve Witkoff" names an official the codebook may not know: the role
words come from the codebook's `roles`, the name is two or three capitalised words, and the actor is the one
named inside or right before the role ("Russian Deputy Foreign Minister …", "… a member of Ukraine's
negotiating team"), else the first actor of the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from loaders.codebook import Codebook, required_keywords, split_alternatives
from loaders.mentions import Mention

NAME = r"(?P<name>[A-ZÀ-Ý][a-zà-ÿ'’-]+(?: [A-ZÀ-Ý]\.)?(?: (?:van |von |de |der |al-)?[A-ZÀ-Ý][a-zà-ÿ'’-]+){1,2})"


_NOTHING = re.compile(r"(?!)")


@dataclass(slots=True)
class FoundOfficial:
    id: str
    name: str
    role: str | None
    represents: str | None
    start: int
    end: int


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@cache
def _patterns(roles: tuple[str, ...], descriptions: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Role words match in any case, names only capitalised: "Presidential spokesman Dmitry Peskov"."""
    role = "|".join(f"(?:{r})" for r in sorted(roles, key=len, reverse=True))
    described = "|".join(f"(?:{r})" for r in sorted((*descriptions, *roles), key=len, reverse=True))
    before = re.compile(rf"(?<![\w-])(?P<role>(?i:{role})) {NAME}(?![\w])")
    after = re.compile(rf"{NAME}, (?i:a |an |the )?(?P<role>(?i:{described})[^,;.“”\"]{{0,80}}?)"
                       rf"(?=[,.]| said| told| says| spoke)")
    return before, after


def _role_patterns(codebook: Codebook) -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    """The two role regexes, and the words one of which a sentence must contain for either to match (so most
    sentences skip them): each role's required keywords, or nothing when some role has none."""
    if "roles" not in codebook.compiled:
        roles = tuple(codebook.lexicon.roles)
        descriptions = tuple(codebook.lexicon.descriptions)
        keywords: list[str] = []
        for pattern in (*roles, *descriptions):
            for alternative in split_alternatives(pattern.lower()):
                found = required_keywords(alternative)
                if not found:
                    keywords = []
                    break
                keywords += found
            else:
                continue
            break
        codebook.compiled["roles"] = (*_patterns(roles, descriptions), tuple(sorted(set(keywords))))
    return codebook.compiled["roles"]


def _inside(span: tuple[int, int], actors: list[Mention]) -> str | None:
    inside = [a for a in actors if span[0] <= a.start and a.end <= span[1]]
    return inside[0].id if inside else None


def _actor_for(span: tuple[int, int], actors: list[Mention], text: str) -> str | None:
    """The actor inside the role span, else the one right before it (a demonym or possessive)."""
    before = [a for a in actors if a.end <= span[0] and span[0] - a.end <= 2]
    return _inside(span, actors) or (before[-1].id if before else None)


def _office_actor(span: tuple[int, int], actors: list[Mention], text: str) -> str | None:
    """The state or body a role names: inside it ("Prime Minister of Estonia") or as its own demonym or
    possessive ("Estonian Prime Minister", "Estonia's prime minister"), never a name merely listed before it."""
    before = [a for a in actors if a.end <= span[0] and not text[a.end:span[0]].strip(" ’'s")
              and (a.attrs.get("demonym") or a.attrs.get("possessive"))]
    return _inside(span, actors) or (before[-1].id if before else None)


def find_officials(text: str, sentence: tuple[int, int], known: list[Mention], actors: list[Mention],
                   codebook: Codebook) -> list[FoundOfficial]:
    """Officials named in one sentence: the known ones (with the role the text gives) and unknown ones."""
    start, end = sentence
    body = text[start:end]
    before, after, keywords = _role_patterns(codebook)
    roles: list[tuple[int, int, str, tuple[int, int]]] = []  # name span, role, role span (document offsets)
    if keywords and not any(k in body.lower() for k in keywords):
        before = after = _NOTHING
    for m in before.finditer(body):
        roles.append((start + m.start("name"), start + m.end("name"), m.group("role"),
                      (start + m.start("role"), start + m.end("role"))))
    for m in after.finditer(body):
        roles.append((start + m.start("name"), start + m.end("name"), m.group("role"),
                      (start + m.start("role"), start + m.end("role"))))
    sentence_actors = [a for a in actors if start <= a.start < end]
    found: list[FoundOfficial] = []
    for k in known:
        if not (start <= k.start < end):
            continue
        info = codebook.officials[k.id]
        given = next(((r, span) for s, e, r, span in roles if s <= k.start < e or k.start <= s < k.end), None)
        role = given[0] if given else None
        text_role = _clean_role(role)
        if text_role and (len(text_role) < 5 or text_role.endswith(".")):
            text_role = None  # "Sen." says less than the codebook's "Senator"
        represents = info.represents
        if given and not re.search(r"\b(?:former|ex-)", text[max(given[1][0] - 25, start):given[1][1]], re.I):
            # "Estonian Prime Minister Kaja Kallas": the office the text gives, for a person who has held several
            represents = _office_actor(given[1], sentence_actors, text) or represents
        found.append(FoundOfficial(k.id, info.name, text_role or info.role, represents, k.start, k.end))
    for s, e, role, role_span in roles:
        if any(f.start < e and s < f.end for f in found):
            continue
        if any(a.start < e and s < a.end for a in sentence_actors):
            continue  # "President Biden" where "Biden" is not an official but the name is an actor
        name = text[s:e]
        known_id = codebook.official_forms.get(name)
        if known_id:  # a known official whose name sits inside a longer term ("meeting between … Zelensky")
            info = codebook.officials[known_id]
            found.append(FoundOfficial(known_id, info.name, _clean_role(role) or info.role, info.represents, s, e))
            continue
        actor = _actor_for(role_span, sentence_actors, text)
        if actor is None:  # "says Andrei Kortunov, an expert at the Valdai Club": the sentence's first actor
            actor = sentence_actors[0].id if sentence_actors else None
        found.append(FoundOfficial(slug(name), name, _clean_role(role), actor, s, e))
    return found


def _clean_role(role: str | None) -> str | None:
    if not role:
        return None
    role = re.sub(r"\s+", " ", role).strip(" ,")
    return role[:1].upper() + role[1:] if role else None
