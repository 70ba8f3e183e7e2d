// One actor's Stance aggregates, one row a term: edges per relation and one list of the sources kept on the
// aggregate (graph/kept.py: the rendered evidence of the cell's newest edges of one relation, or of all, newest
// first), with the term's label and category: an actor's positions unfiltered or filtered by one relation,
// spliced by the API as they are. A null list (a cell a running load has not given its lists yet) makes the API ask
// the edge queries instead; several relations take actor_stance_sources (every list with its order keys).
// Returns: term, label, category, demands, offers, supports, rejects, recent.
// params: $actor (actor id), $list ('all', 'demands', 'offers', 'supports' or 'rejects')
MATCH (s:Stance {actor: $actor})
MATCH (t:Term {id: s.term})
RETURN t.id AS term, t.label AS label, t.category AS category, s.demands AS demands, s.offers AS offers,
       s.supports AS supports, s.rejects AS rejects,
       CASE $list WHEN 'all' THEN s.recent_all WHEN 'demands' THEN s.recent_demands
                  WHEN 'offers' THEN s.recent_offers WHEN 'supports' THEN s.recent_supports
                  WHEN 'rejects' THEN s.recent_rejects END AS recent
ORDER BY term
