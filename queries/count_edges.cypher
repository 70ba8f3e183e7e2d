// Number of edges by relationship type, one count per type of the store's closed set (the eight that upserts
// and restore_edges.cypher create), in the types' alphabetical order; a type without edges is left out. Counted
// type by type, both engines answer from what they keep per type (Neo4j's count store, FalkorDB's relation
// matrices) instead of scanning every edge: 416,000 edges at 10,000 documents cost 400 ms on FalkorDB and
// 80-200 ms on Neo4j, on every index page.
// Returns: type, count.
// params: (none)
MATCH ()-[e:DEMANDS]->() WITH count(e) AS count WHERE count > 0 RETURN 'DEMANDS' AS type, count
UNION ALL
MATCH ()-[e:GUARANTEES]->() WITH count(e) AS count WHERE count > 0 RETURN 'GUARANTEES' AS type, count
UNION ALL
MATCH ()-[e:MENTIONS]->() WITH count(e) AS count WHERE count > 0 RETURN 'MENTIONS' AS type, count
UNION ALL
MATCH ()-[e:OFFERS]->() WITH count(e) AS count WHERE count > 0 RETURN 'OFFERS' AS type, count
UNION ALL
MATCH ()-[e:REJECTS]->() WITH count(e) AS count WHERE count > 0 RETURN 'REJECTS' AS type, count
UNION ALL
MATCH ()-[e:REPRESENTS]->() WITH count(e) AS count WHERE count > 0 RETURN 'REPRESENTS' AS type, count
UNION ALL
MATCH ()-[e:REVIEWS]->() WITH count(e) AS count WHERE count > 0 RETURN 'REVIEWS' AS type, count
UNION ALL
MATCH ()-[e:SUPPORTS]->() WITH count(e) AS count WHERE count > 0 RETURN 'SUPPORTS' AS type, count
