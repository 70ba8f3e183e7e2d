// Remove the MENTIONS edges of documents (after document_clear, which walks them).
// Returns: count.
// params: $ids (list of document ids)
UNWIND $ids AS doc
MATCH (d:Document {id: doc})-[m:MENTIONS]->()
DELETE m
RETURN count(m) AS count
