// The store's write lock on Neo4j: every writer sets this one node first in its transaction, so writers
// (loads, deletes, pruning) run one after another and each sees the others' committed work. FalkorDB uses a
// lock key on its server instead (graph/locks.py). `stamp` is the store's write stamp (write_stamp.cypher):
// new with every write transaction, visible to readers when it commits; a random value, so that a node made
// again after a reset never repeats an earlier stamp.
// Returns: id.
// params: $name (lock name)
MERGE (l:StoreLock {id: $name})
SET l.taken = coalesce(l.taken, 0) + 1, l.stamp = randomUUID()
RETURN l.id AS id
