// Every node of the store (its lock node left out) with its labels and properties, for `peacegraph db backup`
// (graph/backup.py).
// Returns: labels, props (one row per node).
// params: (none)
MATCH (n)
WHERE NOT n:StoreLock
RETURN labels(n) AS labels, properties(n) AS props
