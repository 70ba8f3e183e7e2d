// The sources kept on some Stance aggregates (graph/kept.py: the rendered evidence of each cell's newest edges
// of each relation, newest first, with their order keys), with the actor's name and the term's label: the
// evidence of a page of conflicts in one node read per cell. A null list (a cell a running load has not given its lists
// yet) makes the API ask cell_evidence instead.
// Returns: actor, actor_name, term, term_label, and per relation r (demands, offers, supports, rejects):
// recent_r, r_keys.
// params: $cells (list of {actor, term})
UNWIND $cells AS c
MATCH (s:Stance {actor: c.actor, term: c.term})
MATCH (a:Actor {id: c.actor})
MATCH (t:Term {id: c.term})
RETURN a.id AS actor, a.name AS actor_name, t.id AS term, t.label AS term_label,
       s.recent_demands AS recent_demands, s.demands_keys AS demands_keys,
       s.recent_offers AS recent_offers, s.offers_keys AS offers_keys,
       s.recent_supports AS recent_supports, s.supports_keys AS supports_keys,
       s.recent_rejects AS recent_rejects, s.rejects_keys AS rejects_keys
