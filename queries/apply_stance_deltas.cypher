// Add a write's net change to the Stance aggregates of the cells it touched (one row per cell): edges per
// relation and distinct documents go up by what was added and down by what was removed; first and last dates
// widen to the added edges' dates. When removed edges sat on a cell's first or last date (overall or for one
// relation), the store recomputes the cell from its evidence (refresh_stances), and cells left with no edges
// are removed by prune_stances: the store tells both from the cells' values read before (stance_values), so
// this query only writes. So a new document costs a few arithmetic updates per cell, not a scan of every edge
// of the cells it touches. A count left out of a row is 0 and a date left out is none (rows carry only what
// they change). Each SET item reads only the property it writes, so the order in which an engine applies
// them does not matter.
// A write that adds edges also learns here which of its cells' kept sources (graph/kept.py) it may change, in
// the same look-up: the cells it must look at (`read`: recounted, edges removed, a new edge without a date),
// those whose kept lists are unknown, and those where a new edge of a relation is at least as new as the
// relation's floor (the date of the last kept edge of a full list; none: not full), as stance_kept_keys does
// for cells that only lose edges. A write of documents older than what a cell keeps gets nothing back for it.
// Returns: actor, term, sources, demands_keys, offers_keys, supports_keys, rejects_keys, all_keys (lists of
// JSON texts [date, doc, sentence, relation], or null), for the cells whose kept sources the write may change.
// params: $rows (list of {actor, term, read, sources, documents, demands, offers, supports, rejects, first, last, demands_first, demands_last, offers_first, offers_last, supports_first, supports_last, rejects_first, rejects_last})
UNWIND $rows AS r
MERGE (s:Stance {actor: r.actor, term: r.term})
SET s.sources = coalesce(s.sources, 0) + coalesce(r.sources, 0),
    s.documents = coalesce(s.documents, 0) + coalesce(r.documents, 0),
    s.demands = coalesce(s.demands, 0) + coalesce(r.demands, 0),
    s.offers = coalesce(s.offers, 0) + coalesce(r.offers, 0),
    s.supports = coalesce(s.supports, 0) + coalesce(r.supports, 0),
    s.rejects = coalesce(s.rejects, 0) + coalesce(r.rejects, 0),
    s.favour = coalesce(s.favour, 0) + coalesce(r.demands, 0) + coalesce(r.offers, 0) + coalesce(r.supports, 0),
    s.first = CASE WHEN s.first IS NULL OR r.first < s.first THEN coalesce(r.first, s.first) ELSE s.first END,
    s.last = CASE WHEN s.last IS NULL OR r.last > s.last THEN coalesce(r.last, s.last) ELSE s.last END,
    s.demands_first = CASE WHEN s.demands_first IS NULL OR r.demands_first < s.demands_first
                           THEN coalesce(r.demands_first, s.demands_first) ELSE s.demands_first END,
    s.demands_last = CASE WHEN s.demands_last IS NULL OR r.demands_last > s.demands_last
                          THEN coalesce(r.demands_last, s.demands_last) ELSE s.demands_last END,
    s.offers_first = CASE WHEN s.offers_first IS NULL OR r.offers_first < s.offers_first
                          THEN coalesce(r.offers_first, s.offers_first) ELSE s.offers_first END,
    s.offers_last = CASE WHEN s.offers_last IS NULL OR r.offers_last > s.offers_last
                         THEN coalesce(r.offers_last, s.offers_last) ELSE s.offers_last END,
    s.supports_first = CASE WHEN s.supports_first IS NULL OR r.supports_first < s.supports_first
                            THEN coalesce(r.supports_first, s.supports_first) ELSE s.supports_first END,
    s.supports_last = CASE WHEN s.supports_last IS NULL OR r.supports_last > s.supports_last
                           THEN coalesce(r.supports_last, s.supports_last) ELSE s.supports_last END,
    s.rejects_first = CASE WHEN s.rejects_first IS NULL OR r.rejects_first < s.rejects_first
                           THEN coalesce(r.rejects_first, s.rejects_first) ELSE s.rejects_first END,
    s.rejects_last = CASE WHEN s.rejects_last IS NULL OR r.rejects_last > s.rejects_last
                          THEN coalesce(r.rejects_last, s.rejects_last) ELSE s.rejects_last END
WITH s, r
WHERE r.read OR s.demands_keys IS NULL OR s.offers_keys IS NULL OR s.supports_keys IS NULL OR s.rejects_keys IS NULL
   OR s.all_keys IS NULL
   OR (r.demands_last IS NOT NULL AND (s.demands_floor IS NULL OR r.demands_last >= s.demands_floor))
   OR (r.offers_last IS NOT NULL AND (s.offers_floor IS NULL OR r.offers_last >= s.offers_floor))
   OR (r.supports_last IS NOT NULL AND (s.supports_floor IS NULL OR r.supports_last >= s.supports_floor))
   OR (r.rejects_last IS NOT NULL AND (s.rejects_floor IS NULL OR r.rejects_last >= s.rejects_floor))
RETURN s.actor AS actor, s.term AS term, s.sources AS sources, s.demands_keys AS demands_keys,
       s.offers_keys AS offers_keys, s.supports_keys AS supports_keys, s.rejects_keys AS rejects_keys,
       s.all_keys AS all_keys
