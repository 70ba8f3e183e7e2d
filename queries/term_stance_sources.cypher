// One term's Stance aggregates, one row an actor: edges per relation and the sources kept on the aggregate (as
// in actor_stance_sources), with the actor's name and kind. A row whose lists are null makes the API ask
// term_positions_all instead.
// Returns: actor, actor_name, kind, demands, offers, supports, rejects, and per relation r
// (demands, offers, supports, rejects): recent_r, r_keys.
// params: $term (term id)
MATCH (s:Stance {term: $term})
MATCH (a:Actor {id: s.actor})
RETURN a.id AS actor, a.name AS actor_name, a.kind AS kind, s.demands AS demands, s.offers AS offers,
       s.supports AS supports, s.rejects AS rejects,
       s.recent_demands AS recent_demands, s.demands_keys AS demands_keys,
       s.recent_offers AS recent_offers, s.offers_keys AS offers_keys,
       s.recent_supports AS recent_supports, s.supports_keys AS supports_keys,
       s.recent_rejects AS recent_rejects, s.rejects_keys AS rejects_keys
ORDER BY actor
