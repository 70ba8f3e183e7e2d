// The Stance aggregates whose kept sources (graph/kept.py) are unknown, as a store written before they were
// kept holds them: the cells `peacegraph db migrate` re-reads from their edges.
// Returns: actor, term (one row per cell).
// params: (none)
MATCH (s:Stance)
WHERE s.recent_all IS NULL OR s.all_keys IS NULL
   OR s.recent_demands IS NULL OR s.demands_keys IS NULL OR s.recent_offers IS NULL OR s.offers_keys IS NULL
   OR s.recent_supports IS NULL OR s.supports_keys IS NULL OR s.recent_rejects IS NULL OR s.rejects_keys IS NULL
RETURN s.actor AS actor, s.term AS term
ORDER BY actor, term
