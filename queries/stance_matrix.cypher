// The stance matrix, one row per (actor, term) cell that has at least one position edge: edges per relation
// and the number of distinct source documents, read from the Stance aggregates (one node per cell, kept by
// the store in the same write as the edges), not from the evidence edges.
// Returns: actor, actor_name, term, term_label, demands, offers, supports, rejects, total, documents.
// params: $actors (list of actor ids or null = all), $terms (list of term ids or null = all)
// scalar reply: strings, integers and nulls
MATCH (s:Stance)
WHERE ($actors IS NULL OR s.actor IN $actors) AND ($terms IS NULL OR s.term IN $terms)
MATCH (a:Actor {id: s.actor})
MATCH (t:Term {id: s.term})
RETURN a.id AS actor, a.name AS actor_name, t.id AS term, t.label AS term_label,
       s.demands AS demands, s.offers AS offers, s.supports AS supports, s.rejects AS rejects,
       s.sources AS total, s.documents AS documents
ORDER BY actor, term
