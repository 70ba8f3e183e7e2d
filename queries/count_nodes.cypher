// Number of nodes by label.
// Returns: label, count.
// params: (none)
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
