"""Build loaders/codebook/actors.yaml from country libraries plus hand curation.

    python -m loaders.codebook_build            # (re)write loaders/codebook/actors.yaml
    python -m loaders.codebook_build --check    # exit 1 if actors.yaml differs from what would be written

Development only: needs the ``dev`` extra (``pip install -e '.[dev]'``: country-converter, pycountry,
countryinfo). The extractor reads the generated YAML and never imports this module.

Sources, each for what it is good at:

* country-converter (coco): which states are UN members (193), the short English names, the EU and G7
  membership columns. Its data file is read directly with :mod:`csv`: ``coco.CountryConverter()`` fails
  to initialise under pandas 3, and the table is all we need.
* pycountry: ISO 3166-1 alpha-3 codes (every state id is checked against it), official names and the
  common names ("Iran" for "Iran, Islamic Republic of").
* countryinfo: capitals, demonyms and alternative spellings; only English long forms ("Republic of ...",
  "... Federation") of the spellings are kept, never codes, native-language names or inverted names.

Then ``loaders/actors_curated.yaml`` is applied: names, metonyms (seats of government), spelling
variants seen in translated news, demonym fixes, Kosovo, the organisations and the coalitions. Curation
lives there so that re-running this generator keeps it. The generator refuses to write a file in which
two actors share a name, alias or demonym, or in which a blocked string (venue cities) is an alias.
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.resources
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from graph.vocabulary import ActorKind

HERE = Path(__file__).resolve().parent
OUT = HERE / "codebook" / "actors.yaml"
# Outside codebook/: the extractor reads every codebook/*.yaml, and this file is not a codebook.
CURATED = HERE / "actors_curated.yaml"

# States outside the UN membership that appear in the news as actors (Kosovo comes from the curation).
NON_MEMBER_STATES = ["VAT", "PSE", "TWN"]

# Library spellings kept as aliases: English long forms only.
_LONG_FORM = re.compile(
    r"\b(Republic|Kingdom|State|States|Federation|Commonwealth|Union|Principality|Duchy|Sultanate|"
    r"Confederation|Emirates|Federated|Nation)\b"
)
_SMALL_WORDS = {"of", "the", "and"}

# actors.yaml's sections, in order: one per kind of actor it holds (a pack's own actors live in its pack)
SECTIONS = [(ActorKind.STATE, "States: ISO 3166-1 alpha-3 ids"), (ActorKind.ORGANIZATION, "Organisations"),
            (ActorKind.COALITION, "Coalitions and groupings"),
            (ActorKind.GROUP, "Political groups and movements with no process pack"),
            (ActorKind.AUTHORITY, "De facto authorities with no process pack"),
            (ActorKind.ARMED_GROUP, "Armed groups with no process pack")]
FIELD_ORDER = ["name", "kind", "official_name", "aliases", "capital", "demonyms", "members"]


# --------------------------------------------------------------------------- library data


def _coco_rows() -> list[dict[str, str]]:
    path = importlib.resources.files("country_converter") / "country_data.tsv"
    with path.open(encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh, delimiter="\t")]


def _latin(s: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in s)


def _english_long_form(s: str) -> bool:
    """'Republic of Poland' yes; 'República de Chile', 'Union des Comores', 'Korea, Republic of' no."""
    if not s or "," in s or "(" in s or not _latin(s) or not _LONG_FORM.search(s):
        return False
    return all(w[0].isupper() or w in _SMALL_WORDS for w in s.split())


def _acceptable_name(s: str | None) -> bool:
    return s is not None and bool(s) and "," not in s and "(" not in s and _latin(s) \
        and not re.fullmatch(r"[A-Z]{2,3}", s)


def _strip_the(s: str) -> str:
    return s[4:] if s.startswith("the ") else s


_NO_PLURAL = re.compile(r"(ese|ish|ch|sh|s|men|asy|Motswana|Mosotho|Vanuatu|Kiribati)$")


def _demonyms(raw: str | None) -> list[str]:
    out: list[str] = []
    for d in (raw or "").split(","):
        d = d.strip()
        if not d:
            continue
        out.append(d)
        if d == "Czech":
            out.append("Czechs")
        elif " and " not in d and not _NO_PLURAL.search(d):
            out.append(d + "s")
    return out


def generated_states() -> tuple[dict[str, dict[str, Any]], dict[str, list[str]], list[str]]:
    """Return ({id: entry}, {coco column: [member ids]}, UN member ids) from the libraries alone."""
    import pycountry
    from countryinfo import CountryInfo, CountryNotFoundError

    rows = _coco_rows()
    by_iso3 = {r["ISO3"]: r for r in rows}
    un_members = [r["ISO3"] for r in rows if r["UNmember"]]
    if len(un_members) != 193:
        raise SystemExit(f"country-converter lists {len(un_members)} UN members, expected 193")
    columns = {col: [r["ISO3"] for r in rows if r.get(col)] for col in ("EU", "G7")}

    states: dict[str, dict[str, Any]] = {}
    for iso3 in un_members + NON_MEMBER_STATES:
        pc = pycountry.countries.get(alpha_3=iso3)
        if pc is None:
            raise SystemExit(f"{iso3} is not an ISO 3166-1 alpha-3 code in pycountry")
        row = by_iso3.get(iso3, {})
        ci: dict[str, Any]
        try:
            ci = dict(CountryInfo(iso3).info())
        except CountryNotFoundError:
            ci = {}
        name = row.get("name_short") or getattr(pc, "common_name", None) or pc.name
        official = next((_strip_the(str(o)) for o in (getattr(pc, "official_name", None), row.get("name_official"))
                         if _acceptable_name(o)), None)
        candidates = [
            official,
            row.get("name_official"),
            getattr(pc, "common_name", None),
            pc.name,
            ci.get("name"),
            *[a for a in ci.get("altSpellings") or [] if _english_long_form(a.strip())],
        ]
        aliases = [_strip_the(c.strip()) for c in candidates if c and _acceptable_name(c.strip())]
        states[iso3] = {
            "name": name,
            "kind": "state",
            "official_name": official,
            "aliases": aliases,
            "capital": ci.get("capital") or None,
            "demonyms": _demonyms(ci.get("demonym")),
        }
    return states, columns, un_members


# --------------------------------------------------------------------------- merge


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for it in items:
        if it and it not in seen:
            seen.add(it)
            out.append(it)
    return out


def build(states: dict[str, dict[str, Any]], columns: dict[str, list[str]], curated: dict[str, Any]):
    """Apply the curation to the generated states; return (actors, notes)."""
    blocked = set(curated.get("blocked") or [])
    overrides: dict[str, dict[str, Any]] = curated.get("overrides") or {}
    actors: dict[str, dict[str, Any]] = {}
    notes: dict[str, str] = {}

    for aid in list(states) + [k for k in overrides if k not in states]:
        gen = states.get(aid, {})
        cur = dict(overrides.get(aid) or {})
        if not gen and "kind" not in cur:
            raise SystemExit(f"curated entry {aid} is not a generated state and has no kind")
        if cur.get("note"):
            notes[aid] = str(cur.pop("note"))
        drop = set(cur.pop("drop", None) or [])
        members_from = cur.pop("members_from", None)
        entry: dict[str, Any] = {}
        for field in ("name", "kind", "official_name", "capital", "members"):
            value = cur.pop(field, None) if field in cur else gen.get(field)
            if value:
                entry[field] = value
        if members_from:
            entry["members"] = list(columns[members_from])
        cur_aliases = list(cur.pop("aliases", None) or [])
        cur_demonyms = list(cur.pop("demonyms", None) or [])
        if cur:
            raise SystemExit(f"curated entry {aid}: unknown fields {sorted(cur)}")
        for s in cur_aliases:
            if s in blocked:
                raise SystemExit(f"curated alias {s!r} of {aid} is blocked")
        gen_aliases = [a for a in gen.get("aliases", []) if a not in drop and a not in blocked]
        gen_demonyms = [d for d in gen.get("demonyms", []) if d not in drop and d not in blocked]
        official = entry.get("official_name")
        if official == entry["name"]:
            del entry["official_name"]
            official = None
        aliases = _unique(cur_aliases + ([official] if official and official not in drop else []) + gen_aliases)
        entry["aliases"] = [a for a in aliases if a != entry["name"]]
        demonyms = _unique(cur_demonyms + gen_demonyms)
        # a demonym that is the name itself ("Djibouti") says nothing
        entry["demonyms"] = [d for d in demonyms if d != entry["name"]]
        actors[aid] = {f: entry[f] for f in FIELD_ORDER if entry.get(f)}

    # A capital that is a blocked place or another actor's name/alias is left out: readers of the codebook
    # may take the capital as a surface form, and "Brussels" must read as the EU, "Vienna" as nothing.
    surface = {s: aid for aid, a in actors.items() for s in [a["name"], *a.get("aliases", [])]}
    for aid, a in actors.items():
        cap = a.get("capital")
        if cap and (cap in blocked or surface.get(cap, aid) != aid):
            del a["capital"]
            why = f"is {surface[cap]}'s alias" if cap in surface else "is blocked (a venue or contested city)"
            notes[aid] = (notes[aid] + "; " if aid in notes else "") + f"capital {cap} left out: it {why}"
    return actors, notes


def check_unique(actors: dict[str, dict[str, Any]], blocked: set[str]) -> list[str]:
    problems = []
    surface: dict[str, str] = {}
    for aid, a in actors.items():
        for s in [a["name"], *a.get("aliases", [])]:
            if s in blocked:
                problems.append(f"{aid}: {s!r} is blocked")
            other = surface.setdefault(s, aid)
            if other != aid:
                problems.append(f"{s!r} is a name or alias of both {other} and {aid}")
    dem: dict[str, str] = {}
    for aid, a in actors.items():
        for d in a.get("demonyms", []):
            other = dem.setdefault(d, aid)
            if other != aid:
                problems.append(f"demonym {d!r} of both {other} and {aid}")
            if surface.get(d, aid) != aid:
                problems.append(f"demonym {d!r} of {aid} is a name or alias of {surface[d]}")
    ids = set(actors)
    for aid, a in actors.items():
        for m in a.get("members", []):
            if m not in ids:
                problems.append(f"{aid}: member {m} is not an actor")
    return problems


# --------------------------------------------------------------------------- output

_PLAIN = re.compile(r"[^\W\d_][\w .'’\-]*[\w.]|[^\W\d_]", re.UNICODE)
_YAML_WORDS = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"}


def _scalar(s: str) -> str:
    if _PLAIN.fullmatch(s) and s.lower() not in _YAML_WORDS and " #" not in s:
        return s
    return json.dumps(s, ensure_ascii=False)


def _flow(items: list[str], indent: int, width: int = 110) -> str:
    lines, cur = [], "["
    for i, it in enumerate(items):
        piece = _scalar(it) + ("]" if i == len(items) - 1 else ",")
        if len(cur) + len(piece) + indent > width and cur != "[":
            lines.append(cur.rstrip())
            cur = " " * (indent + 1)
        cur += piece + ("" if i == len(items) - 1 else " ")
    lines.append(cur)
    return "\n".join(lines)


def render(actors: dict[str, dict[str, Any]], notes: dict[str, str]) -> str:
    def ver(dist: str) -> str:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:  # pragma: no cover
            return "?"

    head = [
        f"# Generated by loaders/codebook_build.py from country-converter {ver('country-converter')} (UN membership,",
        "# short names, EU/G7 membership), pycountry "
        f"{ver('pycountry')} (ISO 3166-1 alpha-3 ids, official names) and countryinfo {ver('countryinfo')}",
        "# (capitals, demonyms, English long-form spellings), then curated: short common names (Russia, Iran,",
        "# Turkey, ...), seats of government and metonyms as aliases (Kremlin, White House, Downing Street, Élysée,",
        "# capitals of the states that matter in this war), spelling variants of translated news (Kiev, Türkiye,",
        "# Czech Republic, Ivory Coast, Burma, DPRK, ...), demonym fixes and plurals, ambiguous forms removed",
        "# (Congo, Dominican, venue cities such as Istanbul, Geneva, Jeddah), Kosovo, Holy See, Palestine, Taiwan,",
        "# the organisations and the coalitions.",
        "# Edit freely; re-running the generator keeps curated entries: they live in",
        "# loaders/actors_curated.yaml, which it applies last. Put lasting edits there and re-run",
        "# `python -m loaders.codebook_build` (needs the dev extra); `--check` shows whether this file has hand",
        "# edits that a re-run would lose.",
        "#",
        "# Fields: name (short common English name), kind (graph.vocabulary.ActorKind),",
        "# official_name, aliases (alternative names, metonyms, abbreviations; matched case-sensitively), capital,",
        "# demonyms (adjective and people forms), members (ids, where membership is clearly defined).",
        "# No two actors share a name, alias or demonym; tests/unit/test_codebook_data.py checks it.",
        "",
        "actors:",
    ]
    out = head[:]
    for kind, title in SECTIONS:
        ids = [aid for aid, a in actors.items() if a["kind"] == kind]
        if kind == "state":
            ids.sort()
        out.append(f"  # {'-' * 20} {title} ({len(ids)})")
        for aid in ids:
            a = actors[aid]
            if aid in notes:
                out.append(f"  # {aid}: {notes[aid]}")
            out.append(f"  {aid}:")
            for field in FIELD_ORDER:
                if field not in a:
                    continue
                v = a[field]
                key = f"    {field}: "
                if isinstance(v, list):
                    out.append(key + _flow(v, len(key)))
                else:
                    out.append(key + _scalar(v))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def generate() -> str:
    curated = yaml.safe_load(CURATED.read_text(encoding="utf-8"))
    states, columns, _ = generated_states()
    actors, notes = build(states, columns, curated)
    problems = check_unique(actors, set(curated.get("blocked") or []))
    if problems:
        raise SystemExit("actors.yaml not written:\n  " + "\n  ".join(problems))
    text = render(actors, notes)
    if yaml.safe_load(text)["actors"] != actors:  # the hand-rolled emitter must round-trip
        raise SystemExit("rendered YAML does not load back to the same data")
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m loaders.codebook_build", description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if actors.yaml is out of date")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    text = generate()
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} differs from the generator's output (hand edits? stale?)", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.write_text(text, encoding="utf-8")
    n = yaml.safe_load(text)["actors"]
    kinds = {k.value: sum(1 for a in n.values() if a["kind"] == k) for k, _ in SECTIONS}
    print(f"wrote {args.out}: {kinds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
