// Neo4j variant of graph_edges_actors.cypher: the same query with the edge types in the pattern, so that Neo4j
// reads only the actors' position and guarantee edges (its dense nodes keep edges grouped by type) and never
// their MENTIONS, as many again (the filter on type(e) stays for $relations).
// graph_edges for a filter that names actors ($actors not null, no $doc): starts at those actors (by the id
// index) and reads only their own edges and the guarantees given to them (each edge once: from its start
// node, or from its end when a guarantor outside the filter gives it), instead of a scan of every edge;
// the other filters apply as in graph_edges ($doc is null here; app/graphdata.py picks the variant).
// Returns: total, source, source_label, source_kind, target, target_type ('Actor' or 'Term'), target_label,
// target_kind, target_category, relation, doc, sentence, quote, speaker, date, confidence, status, scope,
// proposed_by, rule.
// params: $actors, $terms (lists of ids or null), $relations (list of relation types or null = all five), $statuses (list of guarantee statuses or null), $date_from, $date_to (partial ISO dates or null), $doc (null here; kept for the same parameters as graph_edges), $process (a process id or null), $min_confidence (a float in [0, 1] or null; edges without a confidence pass), $limit (int or null = 5000)
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
WITH collect({a: a, e: e, x: x}) AS found, count(*) AS total
UNWIND found[..coalesce($limit, 5000)] AS row
WITH total, row.a AS a, row.e AS e, row.x AS x
RETURN total, a.id AS source, a.name AS source_label, a.kind AS source_kind, x.id AS target,
       CASE WHEN x:Term THEN 'Term' ELSE 'Actor' END AS target_type, coalesce(x.label, x.name) AS target_label,
       x.kind AS target_kind, x.category AS target_category, type(e) AS relation, e.doc AS doc,
       e.sentence AS sentence, e.quote AS quote, e.speaker AS speaker, e.date AS date, e.confidence AS confidence,
       e.status AS status, e.scope AS scope, e.proposed_by AS proposed_by, e.rule AS rule
