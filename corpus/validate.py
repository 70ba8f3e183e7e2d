#!/usr/bin/env python3
"""Validate one coded set: python3 validate.py DIR [--core]

DIR holds texts/*.txt, gold.jsonl, INDEX.tsv (and NOTES.md). Checks: every gold row is valid JSON with the
required fields; actor ids are ISO 3166-1 alpha-3 or known organisation / non-state ids; relations and
statuses are valid; objects are term ids of the vocabulary (codebook.yaml terms, or with --core the core
terms of core-terms.yaml — Russia–Ukraine pack ids are accepted too); every evidence quote occurs verbatim
in its text after collapsing whitespace; no duplicate (doc, actor, relation, object) keys; every doc has a
text and an INDEX row; INDEX has the required columns.
"""
import json, re, sys
from pathlib import Path
import yaml

S = Path(__file__).resolve().parent / 'spec'  # the corpus's own copy of the shared spec files
cb = yaml.safe_load(open(S / 'codebook.yaml'))
core = yaml.safe_load(open(S / 'core-terms.yaml'))
d = Path(sys.argv[1]); use_core = '--core' in sys.argv
terms = set(cb['terms'])
if use_core:
    terms = set(core['core_terms']) | set(core['pack_russia_ukraine'])
ORGS = set(cb['actors']) | set(core['actors']) | {'OSCE', 'ASEAN', 'OAS', 'ECOWAS', 'SADC', 'GCC', 'OIC', 'ARAB_LEAGUE', 'CSTO', 'G7', 'G20', 'BRICS', 'ICC', 'IAEA', 'WHO', 'UNICEF', 'UNSC'}
problems = []
def ws(s): return re.sub(r'\s+', ' ', s).strip()
texts = {p.stem: ws(p.read_text()) for p in (d / 'texts').glob('*.txt')}
rows = [json.loads(l) for l in open(d / 'gold.jsonl') if l.strip()]
seen = set()
for n, r in enumerate(rows, 1):
    for f in ('doc', 'actor', 'relation', 'object', 'optional', 'evidence'):
        if f not in r: problems.append(f'row {n}: missing {f}')
    if r.get('doc') not in texts: problems.append(f"row {n}: no text for doc {r.get('doc')}")
    a = r.get('actor', '')
    if not (re.fullmatch(r'[A-Z][A-Z0-9_]{1,15}', a) or a in ORGS): problems.append(f'row {n}: unknown actor id {a}')
    rel = r.get('relation')
    if rel not in ('DEMANDS', 'OFFERS', 'SUPPORTS', 'REJECTS', 'GUARANTEES'): problems.append(f'row {n}: bad relation {rel}')
    if rel == 'GUARANTEES':
        if r.get('status') not in ('proposed', 'willing', 'declined'): problems.append(f'row {n}: bad status')
        o = r.get('object', '')
        if not (re.fullmatch(r'[A-Z]{3}', o) or o in ORGS): problems.append(f'row {n}: guarantee object must be an actor id: {o}')
    elif r.get('object') not in terms: problems.append(f"row {n}: unknown term {r.get('object')}")
    if r.get('evidence') and r.get('doc') in texts and ws(r['evidence']) not in texts[r['doc']]:
        problems.append(f"row {n}: evidence not found verbatim in {r['doc']}: {r['evidence'][:80]!r}")
    if len(r.get('evidence', '')) > 300: problems.append(f'row {n}: evidence over 300 characters')
    k = (r.get('doc'), a, rel, r.get('object'))
    if k in seen: problems.append(f'row {n}: duplicate key {k}')
    seen.add(k)
index = (d / 'INDEX.tsv').read_text().splitlines()
head = index[0].split('\t')
need = ['file'] + (['process'] if use_core else []) + ['title', 'date', 'outlet', 'source_repo', 'source_path', 'field_or_index', 'source_commit', 'cut', 'word_count']
if head != need: problems.append(f'INDEX.tsv header must be: {need}')
listed = {line.split('\t')[0].rsplit('.', 1)[0] for line in index[1:] if line.strip()}
for t in texts:
    if t not in listed: problems.append(f'text {t} has no INDEX row')
for line in index[1:]:
    cells = line.split('\t')
    if len(cells) != len(need): problems.append(f'INDEX row {cells[0]}: {len(cells)} cells, want {len(need)}')
    elif not re.fullmatch(r'[0-9a-f]{40}', cells[need.index('source_commit')]): problems.append(f'INDEX row {cells[0]}: source_commit is not a 40-hex commit')
docs_with_rows = {r.get('doc') for r in rows}
for t in texts:
    if t not in docs_with_rows: problems.append(f'note: text {t} has no gold row (fine only if it states no position; say so in NOTES.md)')
print(f'{len(texts)} texts, {len(rows)} rows ({sum(1 for r in rows if not r.get("optional"))} required)')
print('\n'.join(problems) or 'OK')
sys.exit(1 if any(not p.startswith('note:') for p in problems) else 0)
