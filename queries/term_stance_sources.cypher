// One term's Stance aggregates, one row an actor: edges per relation and the sources kept on the aggregate (as
// in actor_stance_sources), with the actor's name and kind. A row whose lists are null makes the API ask
// term_positions_all instead.
// Returns: actor, actor_name, kind, demands, offers, supports, rejects, recent_favour, favour_keys,
// recent_reject, reject_keys.
// params: $term (term id)
MATCH (s:Stance {term: $term})
MATCH (a:Actor {id: s.actor})
RETURN a.id AS actor, a.name AS actor_name, a.kind AS kind, s.demands AS demands, s.offers AS offers,
       s.supports AS supports, s.rejects AS rejects, s.recent_favour AS recent_favour,
       s.favour_keys AS favour_keys, s.recent_reject AS recent_reject, s.reject_keys AS reject_keys
ORDER BY actor
