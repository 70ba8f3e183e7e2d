// Number of nodes by label (the store's own lock node on Neo4j, StoreLock, is not data and is left out).
// Returns: label, count.
// params: (none)
MATCH (n)
UNWIND labels(n) AS label
WITH label
WHERE label <> 'StoreLock'
RETURN label, count(*) AS count
ORDER BY label
