// The store's write lock on Neo4j: every writer sets this one node first in its transaction, so writers
// (loads, deletes, pruning) run one after another and each sees the others' committed work. FalkorDB uses a
// lock key on its server instead (graph/locks.py).
// Returns: id.
// params: $name (lock name)
MERGE (l:StoreLock {id: $name})
SET l.taken = coalesce(l.taken, 0) + 1
RETURN l.id AS id
