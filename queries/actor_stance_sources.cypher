// One actor's Stance aggregates, one row a term: edges per relation and the newest sources kept on the
// aggregate (`recent`: the rendered evidence of the cell's newest edges, any relation, newest first; see
// refresh_stance_sources), with the term's label and category. One node read per cell instead of the cell's
// edges and their documents and speakers; a row whose `recent` is null (a cell written before edges carried
// their evidence) makes the API ask actor_positions_all instead.
// Returns: term, label, category, demands, offers, supports, rejects, recent.
// params: $actor (actor id)
MATCH (s:Stance {actor: $actor})
MATCH (t:Term {id: s.term})
RETURN t.id AS term, t.label AS label, t.category AS category, s.demands AS demands, s.offers AS offers,
       s.supports AS supports, s.rejects AS rejects, s.recent AS recent
ORDER BY term
