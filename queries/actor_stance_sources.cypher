// One actor's Stance aggregates, one row a term: edges per relation and the sources kept on the aggregate (the
// rendered evidence of the cell's newest edges of each relation with their order keys, graph/kept.py; the
// API takes the newest of the lists it needs), with the term's label and category. One node read per cell instead of
// the cell's edges and their documents and speakers; a row whose lists are null (a cell a running load has
// not given its lists yet) makes the API ask actor_positions_all instead.
// Returns: term, label, category, demands, offers, supports, rejects, and per relation r
// (demands, offers, supports, rejects): recent_r, r_keys.
// params: $actor (actor id)
MATCH (s:Stance {actor: $actor})
MATCH (t:Term {id: s.term})
RETURN t.id AS term, t.label AS label, t.category AS category, s.demands AS demands, s.offers AS offers,
       s.supports AS supports, s.rejects AS rejects,
       s.recent_demands AS recent_demands, s.demands_keys AS demands_keys,
       s.recent_offers AS recent_offers, s.offers_keys AS offers_keys,
       s.recent_supports AS recent_supports, s.supports_keys AS supports_keys,
       s.recent_rejects AS recent_rejects, s.rejects_keys AS rejects_keys
ORDER BY term
