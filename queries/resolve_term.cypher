// Resolve what a user typed to one Term: its id (spaces and hyphens read as underscores, any case) or its
// label (any case). An exact id wins over a label.
// Returns: id, label, category (at most one row).
// params: $value (lower-cased, trimmed text), $key (the same text folded to id form: a_b_c)
MATCH (t:Term)
WHERE toLower(t.id) = $key OR toLower(t.label) = $value
RETURN t.id AS id, t.label AS label, t.category AS category
ORDER BY CASE WHEN toLower(t.id) = $key THEN 0 ELSE 1 END, id
LIMIT 1
