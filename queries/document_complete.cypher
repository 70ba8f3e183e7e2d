// Mark documents as completely loaded, recording how many edges of each kind they stored: written last, so a
// half-finished load stays visible as incomplete, and the counts let a later load check that the edges are
// all still there (document_states) and let the listing show them without counting edges.
// Returns: count.
// params: $rows (list of {id, positions, guarantees, mentions})
UNWIND $rows AS r
MATCH (d:Document {id: r.id})
SET d.complete = true, d.positions = r.positions, d.guarantees = r.guarantees, d.mentions = r.mentions
RETURN count(d) AS count
