// The order keys of the sources some Stance aggregates keep (graph/kept.py), for a write to merge its new edges
// into, of the cells it does not add edges to (those it does are looked at by apply_stance_deltas, in the
// same way): those it removes edges from or recounts. Only of the cells whose lists the write may change: those it must look at (`read`: recounted, edges
// removed, a new edge without a date), those whose lists are unknown, and those where a new edge of a
// relation is at least as new as the relation's floor (the date of the last kept edge of a full list; none: not full). So a
// load of documents older than what a cell shows reads nothing of it. With the cell's edge count (a cell
// whose lists are null and whose count is that of the write's own new edges was created by the write).
// Returns: actor, term, sources, demands_keys, offers_keys, supports_keys, rejects_keys, all_keys (lists of
// JSON texts [date, doc, sentence, relation], or null).
// params: $cells (list of {actor, term, read: bool, demands, offers, supports, rejects: the newest date of a new edge of that relation, may be absent})
UNWIND $cells AS c
MATCH (s:Stance {actor: c.actor, term: c.term})
WHERE c.read OR s.demands_keys IS NULL OR s.offers_keys IS NULL OR s.supports_keys IS NULL OR s.rejects_keys IS NULL
   OR s.all_keys IS NULL
   OR (c.demands IS NOT NULL AND (s.demands_floor IS NULL OR c.demands >= s.demands_floor))
   OR (c.offers IS NOT NULL AND (s.offers_floor IS NULL OR c.offers >= s.offers_floor))
   OR (c.supports IS NOT NULL AND (s.supports_floor IS NULL OR c.supports >= s.supports_floor))
   OR (c.rejects IS NOT NULL AND (s.rejects_floor IS NULL OR c.rejects >= s.rejects_floor))
RETURN s.actor AS actor, s.term AS term, s.sources AS sources, s.demands_keys AS demands_keys,
       s.offers_keys AS offers_keys, s.supports_keys AS supports_keys, s.rejects_keys AS rejects_keys,
       s.all_keys AS all_keys
