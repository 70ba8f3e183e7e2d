// One actor's Stance aggregates, one row a term: edges per relation and the sources kept on the aggregate (the
// rendered evidence of the cell's newest favouring and rejecting edges with their order keys, graph/kept.py;
// the API takes the newest of both), with the term's label and category. One node read per cell instead of
// the cell's edges and their documents and speakers; a row whose lists are null (a store written before they
// were kept) makes the API ask actor_positions_all instead.
// Returns: term, label, category, demands, offers, supports, rejects, recent_favour, favour_keys,
// recent_reject, reject_keys.
// params: $actor (actor id)
MATCH (s:Stance {actor: $actor})
MATCH (t:Term {id: s.term})
RETURN t.id AS term, t.label AS label, t.category AS category, s.demands AS demands, s.offers AS offers,
       s.supports AS supports, s.rejects AS rejects, s.recent_favour AS recent_favour,
       s.favour_keys AS favour_keys, s.recent_reject AS recent_reject, s.reject_keys AS reject_keys
ORDER BY term
