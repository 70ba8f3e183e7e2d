// The order keys of the sources some Stance aggregates keep (graph/kept.py), for a write to merge its new edges
// into; only of the cells whose lists the write may change: those it must look at (`read`: recounted, edges
// removed, a new edge without a date), those whose lists are unknown, and those where a new edge of a class is
// at least as new as the class's floor (the date of the last kept edge of a full list; none: not full). So a
// load of documents older than what a cell shows reads nothing of it. With the cell's edge count (a cell
// whose lists are null and whose count is that of the write's own new edges was created by the write).
// Returns: actor, term, sources, favour_keys, reject_keys (lists of JSON texts [date, doc, sentence], or null).
// params: $cells (list of {actor, term, read: bool, favour: newest date of a new favouring edge (may be absent), reject: the same for REJECTS})
UNWIND $cells AS c
MATCH (s:Stance {actor: c.actor, term: c.term})
WHERE c.read OR s.favour_keys IS NULL OR s.reject_keys IS NULL
   OR (c.favour IS NOT NULL AND (s.favour_floor IS NULL OR c.favour >= s.favour_floor))
   OR (c.reject IS NOT NULL AND (s.reject_floor IS NULL OR c.reject >= s.reject_floor))
RETURN s.actor AS actor, s.term AS term, s.sources AS sources, s.favour_keys AS favour_keys,
       s.reject_keys AS reject_keys
