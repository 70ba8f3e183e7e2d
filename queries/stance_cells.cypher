// The stance matrix page's cells: one row per Stance aggregate (actor, term) with its sources per relation
// and its distinct documents, without looking up the Actor and Term nodes: the page takes names and labels
// from the actors and terms its filter form lists anyway, and the two lookups per row were a third of the
// query's time on 2,400 cells (stance_matrix.cypher, read by /analysis/matrix, keeps them).
// Returns: actor, term, demands, offers, supports, rejects, documents.
// params: $actors (list of actor ids or null = all), $terms (list of term ids or null = all)
MATCH (s:Stance)
WHERE ($actors IS NULL OR s.actor IN $actors) AND ($terms IS NULL OR s.term IN $terms)
RETURN s.actor AS actor, s.term AS term, s.demands AS demands, s.offers AS offers, s.supports AS supports,
       s.rejects AS rejects, s.documents AS documents
ORDER BY actor, term
