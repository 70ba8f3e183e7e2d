// Merge (:Official)-[:REPRESENTS {role}]->(:Actor), one row per pair. Kept apart from upsert_officials:
// FalkorDB 4.16 loses rows, and once crashed, when an edge is merged and SET in the same query as the node.
// Returns: count.
// params: $rows (list of {id, role, represents})
UNWIND $rows AS r
MATCH (o:Official {id: r.id})
MATCH (a:Actor {id: r.represents})
MERGE (o)-[rep:REPRESENTS]->(a)
SET rep.role = coalesce(r.role, rep.role)
RETURN count(rep) AS count
