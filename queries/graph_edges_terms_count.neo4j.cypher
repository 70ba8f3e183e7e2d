// Neo4j variant of graph_edges_terms_count.cypher: the edges expanded from the terms in a subquery, as in
// graph_edges_terms.neo4j.cypher (one pattern made Neo4j's planner probe every actor's edges into the term).
// How many edges graph_edges_terms selects (the same pattern and filters, counted instead of ordered): its
// `total` when a filter (dates, statuses, process, confidence) keeps the aggregates from telling it
// (graph_edges_total answers the others; app/graphdata.py picks).
// Returns: total (one row).
// scalar reply: strings, integers and nulls
// params: $actors, $terms (lists of ids or null), $relations (list of relation types or null = all five), $statuses (list of guarantee statuses or null), $date_from, $date_to (partial ISO dates or null), $doc (document id or null), $process (a process id or null), $min_confidence (a float in [0, 1] or null; edges without a confidence pass), $limit (unused here; the same parameters as graph_edges)
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
RETURN count(*) AS total
