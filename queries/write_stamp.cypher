// The store's write stamp on Neo4j (set by store_lock.cypher in every write transaction): the API's response
// cache reads it before reusing an answer, so a write through any worker or process is seen at once.
// FalkorDB keeps its stamp in a key on the server instead (graph/locks.py), and never runs this.
// Returns: stamp (no row before the first write).
// params: $name (lock name)
MATCH (l:StoreLock {id: $name})
RETURN l.stamp AS stamp
