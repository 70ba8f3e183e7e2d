// Delete everything (used by `peacegraph db reset --yes` on Neo4j; FalkorDB drops the whole graph instead).
// Returns: nothing.
// params: (none)
MATCH (n)
DETACH DELETE n
