// Create or overwrite Document nodes and mark them incomplete until their last element is written.
// Every write of documents sets the store's documents version (a token of its own, $version) in the same query,
// so that a reader that keeps something computed from the documents (app/services/document_order.py) knows when
// it is stale; a query that touched no document leaves it.
// Returns: count.
// params: $rows (list of document property maps, each with `id`), $version (a new token)
UNWIND $rows AS r
MERGE (d:Document {id: r.id})
SET d = r, d.complete = false
WITH count(d) AS written
FOREACH (_ IN CASE WHEN written > 0 THEN [1] ELSE [] END |
  MERGE (v:DocumentsVersion {id: 'documents'})
  SET v.token = $version)
RETURN written AS count
