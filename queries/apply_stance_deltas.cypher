// Add a write's net change to the Stance aggregates of the cells it touched (one row per cell): edges per
// relation and distinct documents go up by what was added and down by what was removed; first and last dates
// widen to the added edges' dates. When removed edges sat on a cell's first or last date (overall or for one
// relation), the cell is returned as stale and the store recomputes it from its evidence (refresh_stances);
// cells left with no edges are removed by prune_stances. So a new document costs a few arithmetic updates per
// cell, not a scan of every edge of the cells it touches.
// Returns: actor, term, sources (after the change), stale (true when the cell must be recomputed).
// params: $rows (list of {actor, term, sources, documents, demands, offers, supports, rejects, first, last, demands_first, demands_last, offers_first, offers_last, supports_first, supports_last, rejects_first, rejects_last, removed_first, removed_last, removed_demands_first, removed_demands_last, removed_offers_first, removed_offers_last, removed_supports_first, removed_supports_last, removed_rejects_first, removed_rejects_last})
UNWIND $rows AS r
MERGE (s:Stance {actor: r.actor, term: r.term})
WITH s, r, s.first AS f0, s.last AS l0, s.demands_first AS df0, s.demands_last AS dl0, s.offers_first AS of0,
     s.offers_last AS ol0, s.supports_first AS sf0, s.supports_last AS sl0, s.rejects_first AS rf0,
     s.rejects_last AS rl0
SET s.sources = coalesce(s.sources, 0) + r.sources,
    s.documents = coalesce(s.documents, 0) + r.documents,
    s.demands = coalesce(s.demands, 0) + r.demands,
    s.offers = coalesce(s.offers, 0) + r.offers,
    s.supports = coalesce(s.supports, 0) + r.supports,
    s.rejects = coalesce(s.rejects, 0) + r.rejects,
    s.favour = coalesce(s.favour, 0) + r.demands + r.offers + r.supports,
    s.first = CASE WHEN r.first IS NOT NULL AND (f0 IS NULL OR r.first < f0) THEN r.first ELSE f0 END,
    s.last = CASE WHEN r.last IS NOT NULL AND (l0 IS NULL OR r.last > l0) THEN r.last ELSE l0 END,
    s.demands_first = CASE WHEN r.demands_first IS NOT NULL AND (df0 IS NULL OR r.demands_first < df0)
                           THEN r.demands_first ELSE df0 END,
    s.demands_last = CASE WHEN r.demands_last IS NOT NULL AND (dl0 IS NULL OR r.demands_last > dl0)
                          THEN r.demands_last ELSE dl0 END,
    s.offers_first = CASE WHEN r.offers_first IS NOT NULL AND (of0 IS NULL OR r.offers_first < of0)
                          THEN r.offers_first ELSE of0 END,
    s.offers_last = CASE WHEN r.offers_last IS NOT NULL AND (ol0 IS NULL OR r.offers_last > ol0)
                         THEN r.offers_last ELSE ol0 END,
    s.supports_first = CASE WHEN r.supports_first IS NOT NULL AND (sf0 IS NULL OR r.supports_first < sf0)
                            THEN r.supports_first ELSE sf0 END,
    s.supports_last = CASE WHEN r.supports_last IS NOT NULL AND (sl0 IS NULL OR r.supports_last > sl0)
                           THEN r.supports_last ELSE sl0 END,
    s.rejects_first = CASE WHEN r.rejects_first IS NOT NULL AND (rf0 IS NULL OR r.rejects_first < rf0)
                           THEN r.rejects_first ELSE rf0 END,
    s.rejects_last = CASE WHEN r.rejects_last IS NOT NULL AND (rl0 IS NULL OR r.rejects_last > rl0)
                          THEN r.rejects_last ELSE rl0 END
RETURN r.actor AS actor, r.term AS term, s.sources AS sources,
       coalesce(r.removed_first <= f0 OR r.removed_last >= l0
                OR r.removed_demands_first <= df0 OR r.removed_demands_last >= dl0
                OR r.removed_offers_first <= of0 OR r.removed_offers_last >= ol0
                OR r.removed_supports_first <= sf0 OR r.removed_supports_last >= sl0
                OR r.removed_rejects_first <= rf0 OR r.removed_rejects_last >= rl0, false) AS stale
