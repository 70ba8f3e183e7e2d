// graph_edges for a filter that names actors ($actors not null, no $doc): starts at those actors (by the id
// index) and reads only their own edges and the guarantees given to them (each edge once: from its start
// node, or from its end when a guarantor outside the filter gives it), instead of a scan of every edge;
// the other filters apply as in graph_edges ($doc is null here; app/graphdata.py picks the variant). The edge
// types are in the pattern, so that neither engine reads the actors' MENTIONS (as many again; on FalkorDB 80
// instead of 108 ms of CPU for an actor of 37,000 edges), and the first $limit are kept by ORDER BY … LIMIT
// (a top-k heap on both engines) instead of collecting and sorting every edge to count them: the total comes
// from the aggregates or from graph_edges_actors_count (app/graphdata.py).
// Returns: total (null: app/graphdata.py counts it, graph_edges_total or the _count variant), source, source_label, source_kind, target, target_type ('Actor' or 'Term'), target_label,
// target_kind, target_category, relation, doc, sentence, quote, speaker, date, confidence, status, scope,
// proposed_by, rule.
// params: $actors, $terms (lists of ids or null), $relations (list of relation types or null = all five), $statuses (list of guarantee statuses or null), $date_from, $date_to (partial ISO dates or null), $doc (null here; kept for the same parameters as graph_edges), $process (a process id or null), $min_confidence (a float in [0, 1] or null; edges without a confidence pass), $limit (int ≥ 1)
// scalar reply: strings, integers and nulls; floats: confidence
MATCH (n:Actor)
WHERE n.id IN $actors
MATCH (n)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS|GUARANTEES]-(y)
WITH n, e, startNode(e) AS a, endNode(e) AS x
WHERE (a = n OR (type(e) = 'GUARANTEES' AND NOT a.id IN $actors)) AND a:Actor AND (x:Term OR x:Actor)
  AND type(e) IN coalesce($relations, ['DEMANDS', 'OFFERS', 'SUPPORTS', 'REJECTS', 'GUARANTEES'])
  AND ($terms IS NULL OR (x:Term AND x.id IN $terms))
  AND ($statuses IS NULL OR type(e) <> 'GUARANTEES' OR e.status IN $statuses)
  AND ($date_from IS NULL OR e.date >= $date_from)
  AND ($date_to IS NULL OR e.date <= $date_to OR e.date STARTS WITH $date_to)
  AND ($process IS NULL OR e.process = $process)
  AND ($min_confidence IS NULL OR coalesce(e.confidence, 1.0) >= $min_confidence)
WITH a, e, x ORDER BY e.date DESC, a.id, x.id, e.doc, e.sentence
LIMIT $limit
RETURN null AS total, a.id AS source, a.name AS source_label, a.kind AS source_kind, x.id AS target,
       CASE WHEN x:Term THEN 'Term' ELSE 'Actor' END AS target_type, coalesce(x.label, x.name) AS target_label,
       x.kind AS target_kind, x.category AS target_category, type(e) AS relation, e.doc AS doc,
       e.sentence AS sentence, e.quote AS quote, e.speaker AS speaker, e.date AS date, e.confidence AS confidence,
       e.status AS status, e.scope AS scope, e.proposed_by AS proposed_by, e.rule AS rule
