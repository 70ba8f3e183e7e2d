// The Stance aggregates of some (actor, term) cells as they stand: sources and first/last dates (overall and
// per relation). Read by a writer, under its write lock, before it takes removed edges out of the cells
// (apply_stance_deltas), to tell which cells it must recompute from their evidence (a removed edge sat on a
// first or last date) and which may be left empty. Cells without an aggregate give no row.
// Returns: actor, term, sources, first, last, demands_first, demands_last, offers_first, offers_last,
// supports_first, supports_last, rejects_first, rejects_last (one row per cell found).
// params: $cells (list of {actor, term})
UNWIND $cells AS c
MATCH (s:Stance {actor: c.actor, term: c.term})
RETURN s.actor AS actor, s.term AS term, s.sources AS sources, s.first AS first, s.last AS last,
       s.demands_first AS demands_first, s.demands_last AS demands_last, s.offers_first AS offers_first,
       s.offers_last AS offers_last, s.supports_first AS supports_first, s.supports_last AS supports_last,
       s.rejects_first AS rejects_first, s.rejects_last AS rejects_last
