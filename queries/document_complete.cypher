// Mark documents as completely loaded: written last, so a half-finished load stays visible as incomplete.
// Returns: count.
// params: $ids (list of document ids)
UNWIND $ids AS doc
MATCH (d:Document {id: doc})
SET d.complete = true
RETURN count(d) AS count
