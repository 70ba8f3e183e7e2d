// The newest $limit edges of some cells, in the order of graph_edges: position edges of (actor, term) cells
// and guarantee edges of (guarantor, beneficiary) pairs, both ends of each found by the id index before the
// edges between them are read (expand-into), so that an actor's or a term's page reads the edges of the cells
// that can hold it, not every edge of the actor or term (app/newest_cells.py picks the cells).
// Returns: total (null here), source, source_label, source_kind, target, target_type ('Actor' or 'Term'),
// target_label, target_kind, target_category, relation, doc, sentence, quote, speaker, date, confidence,
// status, scope, proposed_by, rule.
// params: $pairs (list of {source: actor id, term: term id or null, beneficiary: actor id or null}), $relations (list of relation types or null = all five), $limit (int ≥ 1)
// scalar reply: strings, integers and nulls; floats: confidence
UNWIND $pairs AS c
MATCH (a:Actor {id: c.source})
OPTIONAL MATCH (t:Term {id: c.term})
OPTIONAL MATCH (b:Actor {id: c.beneficiary})
WITH a, coalesce(t, b) AS x
WHERE x IS NOT NULL
MATCH (a)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS|GUARANTEES]->(x)
WHERE type(e) IN coalesce($relations, ['DEMANDS', 'OFFERS', 'SUPPORTS', 'REJECTS', 'GUARANTEES'])
WITH a, e, x ORDER BY e.date DESC, a.id, x.id, e.doc, e.sentence
LIMIT $limit
RETURN null AS total, a.id AS source, a.name AS source_label, a.kind AS source_kind, x.id AS target,
       CASE WHEN x:Term THEN 'Term' ELSE 'Actor' END AS target_type, coalesce(x.label, x.name) AS target_label,
       x.kind AS target_kind, x.category AS target_category, type(e) AS relation, e.doc AS doc,
       e.sentence AS sentence, e.quote AS quote, e.speaker AS speaker, e.date AS date, e.confidence AS confidence,
       e.status AS status, e.scope AS scope, e.proposed_by AS proposed_by, e.rule AS rule
