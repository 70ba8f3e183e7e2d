// Remove every edge a document contributed (positions, guarantees, mentions), leaving other documents'
// edges alone. Position and guarantee edges start at an Actor the document mentions, so the walk goes
// through the document's MENTIONS edges instead of scanning all edges.
// Returns: count (edges deleted besides mentions).
// params: $ids (list of document ids)
UNWIND $ids AS doc
MATCH (d:Document {id: doc})-[:MENTIONS]->(a:Actor)-[e]->()
WHERE e.doc = doc
DELETE e
RETURN count(e) AS count
