// The sources some Stance aggregates keep, re-read from their edges (graph/kept.py: after a kept edge is
// removed, a recount, or lists never written): per cell and relation, the newest $keep edges in the evidence
// queries' order, each with its document's title, outlet and
// URL and its speaker's name, for the store to render. `edge_date` is the edge's own date (the order key),
// `date` the one shown (the document's when the edge has none).
// Returns: actor, term, relation, doc, title, outlet, url, date, edge_date, sentence, quote, speaker,
// speaker_name, confidence, rule, conditional_on (one row per kept edge).
// params: $cells (list of {actor, term}), $keep (int ≥ 1)
UNWIND $cells AS c
MATCH (a:Actor {id: c.actor})
MATCH (t:Term {id: c.term})
WITH a, t
MATCH (a)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t)
WITH a, t, e ORDER BY e.date DESC, e.doc, e.sentence, type(e)
WITH a.id AS actor, t.id AS term, type(e) AS relation, collect(e)[0..$keep] AS kept
UNWIND kept AS e
OPTIONAL MATCH (d:Document {id: e.doc})
OPTIONAL MATCH (o:Official {id: e.speaker})
RETURN actor, term, relation, e.doc AS doc, d.title AS title, d.outlet AS outlet, d.url AS url,
       coalesce(e.date, d.date) AS date, e.date AS edge_date, e.sentence AS sentence, e.quote AS quote,
       e.speaker AS speaker, o.name AS speaker_name, e.confidence AS confidence, e.rule AS rule,
       e.conditional_on AS conditional_on
