// Delete Document nodes (their edges must have been cleared first).
// Every write of documents sets the store's documents version (a token of its own, $version) in the same query,
// so that a reader that keeps something computed from the documents (app/services/document_order.py) knows when
// it is stale; a query that touched no document leaves it.
// Returns: count.
// params: $ids (list of document ids), $version (a new token)
UNWIND $ids AS doc
MATCH (d:Document {id: doc})
DETACH DELETE d
WITH count(*) AS written
FOREACH (_ IN CASE WHEN written > 0 THEN [1] ELSE [] END |
  MERGE (v:DocumentsVersion {id: 'documents'})
  SET v.token = $version)
RETURN written AS count
