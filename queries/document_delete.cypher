// Delete Document nodes (their edges must have been cleared first).
// Returns: count.
// params: $ids (list of document ids)
UNWIND $ids AS doc
MATCH (d:Document {id: doc})
DETACH DELETE d
RETURN count(*) AS count
