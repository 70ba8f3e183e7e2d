// Schema for FalkorDB: an index on the `id` of every node label. FalkorDB has no IF NOT EXISTS and makes
// uniqueness constraints with its own GRAPH.CONSTRAINT command; the store ignores "already indexed" errors.
// Writes are serialised per graph in FalkorDB, so MERGE alone cannot create duplicates.
// params: (none)
CREATE INDEX FOR (n:Actor) ON (n.id);
CREATE INDEX FOR (n:Official) ON (n.id);
CREATE INDEX FOR (n:Term) ON (n.id);
CREATE INDEX FOR (n:Document) ON (n.id);
