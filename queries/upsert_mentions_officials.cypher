// Create (:Document)-[:MENTIONS]->(:Official) for documents being written: one row per document with the ids of
// the officials it mentions. One query per label (actors, officials, terms), so each lookup is one index seek on
// its own label: a single query taking any of the three through OPTIONAL MATCHes cost three times as much.
// CREATE, not MERGE: under the write lock, document_clear_mentions has removed the MENTIONS of every document
// being replaced and a new document has none; a document's ids are distinct (DocumentGraph checks it).
// Returns: count.
// params: $rows (list of {doc, ids})
UNWIND $rows AS r
MATCH (d:Document {id: r.doc})
UNWIND r.ids AS id
MATCH (n:Official {id: id})
CREATE (d)-[:MENTIONS]->(n)
RETURN count(n) AS count
