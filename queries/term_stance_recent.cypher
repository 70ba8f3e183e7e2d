// One term's Stance aggregates, one row an actor: edges per relation and one list of the sources kept on the
// aggregate (as in actor_stance_recent), with the actor's name and kind. A null list makes the API ask the
// edge queries instead; several relations take term_stance_sources.
// Returns: actor, actor_name, kind, demands, offers, supports, rejects, recent.
// params: $term (term id), $list ('all', 'demands', 'offers', 'supports' or 'rejects')
MATCH (s:Stance {term: $term})
MATCH (a:Actor {id: s.actor})
RETURN a.id AS actor, a.name AS actor_name, a.kind AS kind, s.demands AS demands, s.offers AS offers,
       s.supports AS supports, s.rejects AS rejects,
       CASE $list WHEN 'all' THEN s.recent_all WHEN 'demands' THEN s.recent_demands
                  WHEN 'offers' THEN s.recent_offers WHEN 'supports' THEN s.recent_supports
                  WHEN 'rejects' THEN s.recent_rejects END AS recent
ORDER BY actor
