// Merge actors, one row per actor (rows are de-duplicated by the store: FalkorDB mishandles a node merged
// and then updated again by a later row of the same query).
// Returns: count.
// params: $rows (list of {id, name, kind, aliases})
UNWIND $rows AS r
MERGE (a:Actor {id: r.id})
SET a.name = r.name, a.kind = r.kind, a.aliases = r.aliases
RETURN count(a) AS count
