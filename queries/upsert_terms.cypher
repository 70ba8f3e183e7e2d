// Merge negotiating terms, one row per term.
// Returns: count.
// params: $rows (list of {id, label, category, definition})
UNWIND $rows AS r
MERGE (t:Term {id: r.id})
SET t.label = r.label, t.category = r.category, t.definition = r.definition
RETURN count(t) AS count
