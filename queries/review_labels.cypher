// Names of the actors and labels of the terms a review names, for edges the review layer adds.
// Returns: type ('Actor' or 'Term'), id, label, kind, category (one row per node found).
// params: $actors, $terms (lists of ids)
UNWIND coalesce($actors, []) AS id
MATCH (a:Actor {id: id})
RETURN 'Actor' AS type, a.id AS id, a.name AS label, a.kind AS kind, null AS category
UNION ALL
UNWIND coalesce($terms, []) AS id
MATCH (t:Term {id: id})
RETURN 'Term' AS type, t.id AS id, t.label AS label, null AS kind, t.category AS category
