// Merge actors and the MENTIONS edge from the document that names them.
// Returns: count.
// params: $rows (list of {doc, id, name, kind, aliases})
UNWIND $rows AS r
MERGE (a:Actor {id: r.id})
SET a.name = r.name, a.kind = r.kind, a.aliases = r.aliases
WITH a, r
MATCH (d:Document {id: r.doc})
MERGE (d)-[:MENTIONS]->(a)
RETURN count(a) AS count
