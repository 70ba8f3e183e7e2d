"""Data checks of the codebook's actors.yaml and officials.yaml (pure: reads only those two files)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.vocabulary import ActorKind

CODEBOOK = Path(__file__).resolve().parents[2] / "loaders" / "codebook"

# The 193 UN member states (ISO 3166-1 alpha-3), as of 2026.
UN_MEMBERS = [
    "AFG", "AGO", "ALB", "AND", "ARE", "ARG", "ARM", "ATG", "AUS", "AUT", "AZE", "BDI", "BEL", "BEN", "BFA", "BGD",
    "BGR", "BHR", "BHS", "BIH", "BLR", "BLZ", "BOL", "BRA", "BRB", "BRN", "BTN", "BWA", "CAF", "CAN", "CHE", "CHL",
    "CHN", "CIV", "CMR", "COD", "COG", "COL", "COM", "CPV", "CRI", "CUB", "CYP", "CZE", "DEU", "DJI", "DMA", "DNK",
    "DOM", "DZA", "ECU", "EGY", "ERI", "ESP", "EST", "ETH", "FIN", "FJI", "FRA", "FSM", "GAB", "GBR", "GEO", "GHA",
    "GIN", "GMB", "GNB", "GNQ", "GRC", "GRD", "GTM", "GUY", "HND", "HRV", "HTI", "HUN", "IDN", "IND", "IRL", "IRN",
    "IRQ", "ISL", "ISR", "ITA", "JAM", "JOR", "JPN", "KAZ", "KEN", "KGZ", "KHM", "KIR", "KNA", "KOR", "KWT", "LAO",
    "LBN", "LBR", "LBY", "LCA", "LIE", "LKA", "LSO", "LTU", "LUX", "LVA", "MAR", "MCO", "MDA", "MDG", "MDV", "MEX",
    "MHL", "MKD", "MLI", "MLT", "MMR", "MNE", "MNG", "MOZ", "MRT", "MUS", "MWI", "MYS", "NAM", "NER", "NGA", "NIC",
    "NLD", "NOR", "NPL", "NRU", "NZL", "OMN", "PAK", "PAN", "PER", "PHL", "PLW", "PNG", "POL", "PRK", "PRT", "PRY",
    "QAT", "ROU", "RUS", "RWA", "SAU", "SDN", "SEN", "SGP", "SLB", "SLE", "SLV", "SMR", "SOM", "SRB", "SSD", "STP",
    "SUR", "SVK", "SVN", "SWE", "SWZ", "SYC", "SYR", "TCD", "TGO", "THA", "TJK", "TKM", "TLS", "TON", "TTO", "TUN",
    "TUR", "TUV", "TZA", "UGA", "UKR", "URY", "USA", "UZB", "VCT", "VEN", "VNM", "VUT", "WSM", "YEM", "ZAF", "ZMB",
    "ZWE",
]
OTHER_STATES = ["VAT", "PSE", "XKX", "TWN"]  # observers Holy See and Palestine; Kosovo; Taiwan

# The reference codebook's actors (shared spec): ids, names and aliases the project must use as they are.
REFERENCE_ACTORS = {
    "RUS": {"name": "Russia", "aliases": ["Russian Federation", "Moscow", "Kremlin"]},
    "UKR": {"name": "Ukraine", "aliases": ["Kyiv", "Kiev"]},
    "USA": {"name": "United States", "aliases": ["US", "U.S.", "Washington", "White House"]},
    "GBR": {"name": "United Kingdom", "aliases": ["UK", "Britain", "Great Britain", "London"]},
    "FRA": {"name": "France", "aliases": ["Paris"]},
    "DEU": {"name": "Germany", "aliases": ["Berlin"]},
    "TUR": {"name": "Turkey", "aliases": ["Türkiye", "Ankara"]},
    "ISR": {"name": "Israel", "aliases": []},
    "CHN": {"name": "China", "aliases": ["Beijing"]},
    "POL": {"name": "Poland", "aliases": ["Warsaw"]},
    "ITA": {"name": "Italy", "aliases": ["Rome"]},
    "CAN": {"name": "Canada", "aliases": ["Ottawa"]},
    "NATO": {"name": "North Atlantic Treaty Organization", "aliases": ["the alliance"]},
    "EU": {"name": "European Union", "aliases": ["Brussels"]},
    "UN": {"name": "United Nations", "aliases": []},
}

# Places where talks and summits were held that are not a seat of government: never an actor's alias.
VENUE_CITIES = ["Istanbul", "Geneva", "Munich", "Anchorage", "Alaska", "Jeddah", "Davos", "Bürgenstock",
                "Antalya", "Sochi", "Miami", "Ramstein", "Dubai", "Vienna", "The Hague", "Jerusalem"]

KINDS = set(ActorKind)


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys (plain PyYAML keeps the last one silently)."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _load(name: str) -> dict:
    with open(CODEBOOK / name, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_UniqueKeyLoader)  # a SafeLoader subclass


@pytest.fixture(scope="module")
def actors() -> dict:
    return _load("actors.yaml")["actors"]


@pytest.fixture(scope="module")
def officials() -> dict:
    return _load("officials.yaml")["officials"]


def _surfaces(actor: dict) -> list[str]:
    return [actor["name"], *actor.get("aliases", [])]


# --------------------------------------------------------------------------- actors


def test_un_members_are_all_states_with_alpha3_ids(actors: dict) -> None:
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193
    missing = [i for i in UN_MEMBERS + OTHER_STATES if i not in actors]
    assert not missing
    for aid in UN_MEMBERS + OTHER_STATES:
        assert actors[aid]["kind"] == "state", aid
    states = [aid for aid, a in actors.items() if a["kind"] == "state"]
    assert sorted(states) == sorted(UN_MEMBERS + OTHER_STATES)
    assert all(re.fullmatch(r"[A-Z]{3}", aid) for aid in states)


def test_actor_fields(actors: dict) -> None:
    for aid, a in actors.items():
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", aid), aid
        assert a["kind"] in KINDS, aid
        assert isinstance(a["name"], str) and a["name"].strip() == a["name"] and a["name"], aid
        for field in ("aliases", "demonyms", "members"):
            values = a.get(field, [])
            assert isinstance(values, list), (aid, field)
            assert all(isinstance(v, str) and v and v.strip() == v for v in values), (aid, field)
            assert len(values) == len(set(values)), (aid, field)
        assert a["name"] not in a.get("aliases", []), aid
        assert set(a) <= {"name", "kind", "official_name", "aliases", "capital", "demonyms", "members"}, aid


def test_organisations_and_coalitions(actors: dict) -> None:
    orgs = {aid for aid, a in actors.items() if a["kind"] == "organization"}
    coalitions = {aid for aid, a in actors.items() if a["kind"] == "coalition"}
    assert {"NATO", "EU", "UN", "UNSC", "OSCE", "IAEA", "ICC", "ICRC", "G7", "G20", "BRICS", "CSTO", "SCO",
            "COE", "AU", "ASEAN", "IMF"} <= orgs
    assert {"COW", "E3", "P5"} <= coalitions
    assert set(actors["P5"]["members"]) == {"CHN", "FRA", "RUS", "GBR", "USA"}
    assert set(actors["E3"]["members"]) == {"FRA", "DEU", "GBR"}
    assert len(actors["NATO"]["members"]) == 32 and len(actors["EU"]["members"]) == 27
    for aid, a in actors.items():
        assert set(a.get("members", [])) <= set(actors), aid


def test_reference_actors_present_exactly(actors: dict) -> None:
    for aid, ref in REFERENCE_ACTORS.items():
        assert aid in actors, aid
        assert actors[aid]["name"] == ref["name"], aid
        missing = [s for s in ref["aliases"] if s not in actors[aid].get("aliases", [])]
        assert not missing, (aid, missing)


def test_reference_metonyms(actors: dict) -> None:
    assert {"Kyiv", "Kiev"} <= set(actors["UKR"]["aliases"])
    assert {"Türkiye", "Ankara"} <= set(actors["TUR"]["aliases"])
    assert {"Kremlin", "the Kremlin", "Moscow"} <= set(actors["RUS"]["aliases"])
    assert {"White House", "Washington", "America"} <= set(actors["USA"]["aliases"])
    assert {"UK", "U.K.", "Downing Street"} <= set(actors["GBR"]["aliases"])
    assert {"Élysée", "Elysee"} <= set(actors["FRA"]["aliases"])
    assert "Brussels" not in actors["BEL"].get("aliases", [])
    for aid, name in {"RUS": "Russia", "IRN": "Iran", "SYR": "Syria", "VEN": "Venezuela", "BOL": "Bolivia",
                      "TZA": "Tanzania", "VNM": "Vietnam", "LAO": "Laos", "MDA": "Moldova",
                      "KOR": "South Korea", "PRK": "North Korea", "CZE": "Czechia", "TUR": "Turkey"}.items():
        assert actors[aid]["name"] == name


def test_no_surface_form_shared_by_two_actors(actors: dict) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for aid, a in actors.items():
        for s in _surfaces(a):
            owners[s].add(aid)
    shared = {s: sorted(ids) for s, ids in owners.items() if len(ids) > 1}
    assert not shared


def test_no_demonym_shared_or_aliasing_another_actor(actors: dict) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    surface_owner = {s: aid for aid, a in actors.items() for s in _surfaces(a)}
    for aid, a in actors.items():
        for d in a.get("demonyms", []):
            owners[d].add(aid)
            assert surface_owner.get(d, aid) == aid, (d, aid, surface_owner.get(d))
    shared = {d: sorted(ids) for d, ids in owners.items() if len(ids) > 1}
    assert not shared


def test_no_venue_city_is_an_alias(actors: dict) -> None:
    for aid, a in actors.items():
        bad = [s for s in _surfaces(a) if s in VENUE_CITIES]
        assert not bad, (aid, bad)


def test_capital_is_no_other_actors_name_and_no_venue(actors: dict) -> None:
    # Readers may treat the capital as a surface form of its state ("Moscow said ...").
    surface_owner = {s: aid for aid, a in actors.items() for s in _surfaces(a)}
    for aid, a in actors.items():
        cap = a.get("capital")
        if cap:
            assert cap not in VENUE_CITIES, (aid, cap)
            assert surface_owner.get(cap, aid) == aid, (aid, cap, surface_owner.get(cap))


def test_no_lowercase_ambiguous_aliases(actors: dict) -> None:
    # Aliases are matched case-sensitively; a lower-case "us" would match the pronoun.
    all_aliases = {s for a in actors.values() for s in a.get("aliases", [])}
    assert not ({"us", "america", "turkey", "chad", "jordan", "georgia", "the bloc"} & all_aliases)


# --------------------------------------------------------------------------- officials


def test_official_fields_and_ids(officials: dict) -> None:
    assert len(officials) >= 120
    for oid, o in officials.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", oid), oid
        assert isinstance(o["name"], str) and o["name"], oid
        assert set(o) <= {"name", "aliases", "role", "roles", "represents"}, oid
        assert isinstance(o.get("aliases", []), list) and isinstance(o.get("roles", []), list), oid
        assert o["name"] not in o.get("aliases", []), oid


def test_officials_represent_known_actors(officials: dict, actors: dict) -> None:
    unknown = {oid: o["represents"] for oid, o in officials.items() if o["represents"] not in actors}
    assert not unknown


def test_official_names_and_aliases_unique(officials: dict) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for oid, o in officials.items():
        for s in [o["name"], *o.get("aliases", [])]:
            owners[s].add(oid)
    shared = {s: sorted(ids) for s, ids in owners.items() if len(ids) > 1}
    assert not shared


def test_surname_aliases_unique_and_not_another_officials_surname(officials: dict) -> None:
    """A one-word alias (a surname) must not be the surname of another official in the file."""
    surname_owner: dict[str, set[str]] = defaultdict(set)
    for oid, o in officials.items():
        surname_owner[o["name"].split()[-1]].add(oid)
    for oid, o in officials.items():
        for s in o.get("aliases", []):
            if " " not in s:
                others = surname_owner.get(s, set()) - {oid}
                assert not others, (oid, s, sorted(others))


def test_no_ambiguous_bare_surnames(officials: dict) -> None:
    forbidden = {"Li", "Wang", "Kim", "Lee", "Johnson", "Sullivan", "Austin", "Harris", "Price", "Graham",
                 "Powell", "Cooper", "Costa", "Michel", "Khan", "Smith", "Dan", "Wallace", "Cameron"}
    for oid, o in officials.items():
        bad = forbidden & set(o.get("aliases", []))
        assert not bad, (oid, bad)


def test_official_aliases_are_not_actor_names(officials: dict, actors: dict) -> None:
    actor_surfaces = {s for a in actors.values() for s in [*_surfaces(a), *a.get("demonyms", [])]}
    for oid, o in officials.items():
        clash = actor_surfaces & {o["name"], *o.get("aliases", [])}
        assert not clash, (oid, clash)


def test_key_negotiators_present(officials: dict) -> None:
    expect = {
        "vladimir-putin": "RUS", "sergey-lavrov": "RUS", "dmitry-peskov": "RUS", "vladimir-medinsky": "RUS",
        "yuri-ushakov": "RUS", "kirill-dmitriev": "RUS", "alexander-grushko": "RUS",
        "volodymyr-zelensky": "UKR", "andriy-yermak": "UKR", "rustem-umerov": "UKR", "david-arakhamia": "UKR",
        "mykhailo-podolyak": "UKR", "donald-trump": "USA", "steve-witkoff": "USA", "marco-rubio": "USA",
        "joe-biden": "USA", "kate-bedingfield": "USA", "dick-durbin": "USA", "jim-risch": "USA",
        "dominic-raab": "GBR", "keir-starmer": "GBR", "emmanuel-macron": "FRA", "olaf-scholz": "DEU",
        "steffen-hebestreit": "DEU", "recep-tayyip-erdogan": "TUR", "kaja-kallas": "EU",
        "mark-rutte": "NATO", "antonio-guterres": "UN",
    }
    for oid, actor in expect.items():
        assert officials[oid]["represents"] == actor, oid
    assert {"Zelenskyy", "Zelensky", "Zelenskiy"} <= set(officials["volodymyr-zelensky"]["aliases"])
    assert "Sergei Lavrov" in officials["sergey-lavrov"]["aliases"]
