// graph_edges for a filter that names a document ($doc not null): the document's edges are found through the
// `doc` index of each edge type instead of a scan of every edge, with neither end bound (FalkorDB ran the
// index scan once per Actor when the start was `(a:Actor)`: 60 scans, 10 ms); the other filters apply as in
// graph_edges (app/graphdata.py picks the variant).
// Returns: total, source, source_label, source_kind, target, target_type ('Actor' or 'Term'), target_label,
// target_kind, target_category, relation, doc, sentence, quote, speaker, date, confidence, status, scope,
// proposed_by, rule.
// params: $actors, $terms (lists of ids or null), $relations (list of relation types or null = all five), $statuses (list of guarantee statuses or null), $date_from, $date_to (partial ISO dates or null), $doc (document id or null), $process (a process id or null), $min_confidence (a float in [0, 1] or null; edges without a confidence pass), $limit (int or null = 5000)
// scalar reply: strings, integers and nulls; floats: confidence
OPTIONAL MATCH ()-[e1:DEMANDS {doc: $doc}]->()
WITH collect(e1) AS c1
OPTIONAL MATCH ()-[e2:OFFERS {doc: $doc}]->()
WITH c1, collect(e2) AS c2
OPTIONAL MATCH ()-[e3:SUPPORTS {doc: $doc}]->()
WITH c1, c2, collect(e3) AS c3
OPTIONAL MATCH ()-[e4:REJECTS {doc: $doc}]->()
WITH c1, c2, c3, collect(e4) AS c4
OPTIONAL MATCH ()-[e5:GUARANTEES {doc: $doc}]->()
WITH c1, c2, c3, c4, collect(e5) AS c5
UNWIND c1 + c2 + c3 + c4 + c5 AS e
WITH startNode(e) AS a, e, endNode(e) AS x
WHERE a:Actor AND (x:Term OR x:Actor)
  AND type(e) IN coalesce($relations, ['DEMANDS', 'OFFERS', 'SUPPORTS', 'REJECTS', 'GUARANTEES'])
  AND ($actors IS NULL OR a.id IN $actors OR (x:Actor AND x.id IN $actors))
  AND ($terms IS NULL OR (x:Term AND x.id IN $terms))
  AND ($statuses IS NULL OR type(e) <> 'GUARANTEES' OR e.status IN $statuses)
  AND ($doc IS NULL OR e.doc = $doc)
  AND ($process IS NULL OR e.process = $process)
  AND ($min_confidence IS NULL OR coalesce(e.confidence, 1.0) >= $min_confidence)
  AND ($date_from IS NULL OR e.date >= $date_from)
  AND ($date_to IS NULL OR e.date <= $date_to OR e.date STARTS WITH $date_to)
WITH a, e, x ORDER BY e.date DESC, a.id, x.id, e.doc, e.sentence
WITH collect({a: a, e: e, x: x}) AS found, count(*) AS total
UNWIND found[..coalesce($limit, 5000)] AS row
WITH total, row.a AS a, row.e AS e, row.x AS x
RETURN total, a.id AS source, a.name AS source_label, a.kind AS source_kind, x.id AS target,
       CASE WHEN x:Term THEN 'Term' ELSE 'Actor' END AS target_type, coalesce(x.label, x.name) AS target_label,
       x.kind AS target_kind, x.category AS target_category, type(e) AS relation, e.doc AS doc,
       e.sentence AS sentence, e.quote AS quote, e.speaker AS speaker, e.date AS date, e.confidence AS confidence,
       e.status AS status, e.scope AS scope, e.proposed_by AS proposed_by, e.rule AS rule
