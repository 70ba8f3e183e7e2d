// Neo4j variant of graph_edges_terms.cypher: the same query, with the edges expanded from the terms (in a subquery
// that has only the term bound, so the only plan is to expand from it; position edges only, as only they end at
// a term: its MENTIONS are not read). Written as one pattern, Neo4j's planner scanned the 60 actors and probed
// each one's edges into the term (Expand(Into): 210,000 db hits, 120-200 ms for a term of 5,000 edges).
// graph_edges for a filter that names terms ($terms not null, no $doc, no $actors): starts at those terms (by
// the id index) and reads only the position edges into them; the other filters apply as in graph_edges
// (app/graphdata.py picks the variant). The first $limit are kept by ORDER BY … LIMIT (a top-k heap) instead of
// collecting and sorting every edge to count them: the total comes from the aggregates or from
// graph_edges_terms_count (app/graphdata.py).
// Returns: total (null: app/graphdata.py counts it, graph_edges_total or the _count variant), source, source_label, source_kind, target, target_type ('Actor' or 'Term'), target_label,
// target_kind, target_category, relation, doc, sentence, quote, speaker, date, confidence, status, scope,
// proposed_by, rule.
// params: $actors, $terms (lists of ids or null), $relations (list of relation types or null = all five), $statuses (list of guarantee statuses or null), $date_from, $date_to (partial ISO dates or null), $doc (document id or null), $process (a process id or null), $min_confidence (a float in [0, 1] or null; edges without a confidence pass), $limit (int ≥ 1)
// scalar reply: strings, integers and nulls; floats: confidence
MATCH (x:Term)
WHERE x.id IN $terms
CALL (x) {
  MATCH (x)<-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]-(a)
  RETURN e, a
}
WITH a, e, x
WHERE a:Actor
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
LIMIT $limit
RETURN null AS total, a.id AS source, a.name AS source_label, a.kind AS source_kind, x.id AS target,
       CASE WHEN x:Term THEN 'Term' ELSE 'Actor' END AS target_type, coalesce(x.label, x.name) AS target_label,
       x.kind AS target_kind, x.category AS target_category, type(e) AS relation, e.doc AS doc,
       e.sentence AS sentence, e.quote AS quote, e.speaker AS speaker, e.date AS date, e.confidence AS confidence,
       e.status AS status, e.scope AS scope, e.proposed_by AS proposed_by, e.rule AS rule
