// Merge negotiating terms and the MENTIONS edge from the document.
// Returns: count.
// params: $rows (list of {doc, id, label, category, definition})
UNWIND $rows AS r
MERGE (t:Term {id: r.id})
SET t.label = r.label, t.category = r.category, t.definition = r.definition
WITH t, r
MATCH (d:Document {id: r.doc})
MERGE (d)-[:MENTIONS]->(t)
RETURN count(t) AS count
