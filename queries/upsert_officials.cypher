// Merge officials, the actor they represent (REPRESENTS {role}) and the MENTIONS edge from the document.
// A role already known is kept when a later document gives none.
// Returns: count.
// params: $rows (list of {doc, id, name, role, represents})
UNWIND $rows AS r
MERGE (o:Official {id: r.id})
SET o.name = r.name, o.role = coalesce(r.role, o.role), o.represents = r.represents
WITH o, r
MATCH (a:Actor {id: r.represents})
MERGE (o)-[rep:REPRESENTS]->(a)
SET rep.role = coalesce(r.role, rep.role)
WITH o, r
MATCH (d:Document {id: r.doc})
MERGE (d)-[:MENTIONS]->(o)
RETURN count(o) AS count
