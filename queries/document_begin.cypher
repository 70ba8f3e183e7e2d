// Create or overwrite Document nodes and mark them incomplete until their last element is written.
// Returns: count.
// params: $rows (list of document property maps, each with `id`)
UNWIND $rows AS r
MERGE (d:Document {id: r.id})
SET d = r, d.complete = false
RETURN count(d) AS count
