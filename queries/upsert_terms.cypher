// Merge negotiating terms, one row per term.
// Returns: count.
// params: $rows (list of {id, label, category, definition, opposite})
UNWIND $rows AS r
MERGE (t:Term {id: r.id})
SET t.label = r.label, t.category = r.category, t.definition = r.definition, t.opposite = r.opposite
RETURN count(t) AS count
