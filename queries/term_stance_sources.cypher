// One term's Stance aggregates, one row an actor: edges per relation and the newest sources kept on the
// aggregate (`recent`, as in actor_stance_sources), with the actor's name and kind. A row whose `recent` is
// null makes the API ask term_positions_all instead.
// Returns: actor, actor_name, kind, demands, offers, supports, rejects, recent.
// params: $term (term id)
MATCH (s:Stance {term: $term})
MATCH (a:Actor {id: s.actor})
RETURN a.id AS actor, a.name AS actor_name, a.kind AS kind, s.demands AS demands, s.offers AS offers,
       s.supports AS supports, s.rejects AS rejects, s.recent AS recent
ORDER BY actor
