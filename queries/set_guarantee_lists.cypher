// Give documents the rendered rows of their guarantees, as their load's completion does (document_complete):
// for `peacegraph db migrate`, the documents of documents_unlisted (graph/format.py).
// Every write of documents sets the store's documents version (a token of its own, $version) in the same query,
// so that a reader that keeps something computed from the documents (app/services/document_order.py) knows when
// it is stale; a query that touched no document leaves it.
// Returns: count.
// params: $rows (list of {id, evidence}), $version (a new token)
UNWIND $rows AS r
MATCH (d:Document {id: r.id})
SET d.guarantee_evidence = r.evidence
WITH count(d) AS written
FOREACH (_ IN CASE WHEN written > 0 THEN [1] ELSE [] END |
  MERGE (v:DocumentsVersion {id: 'documents'})
  SET v.token = $version)
RETURN written AS count
