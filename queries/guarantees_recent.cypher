// The unfiltered /guarantees page, newest first, found from the Document nodes instead of every GUARANTEES
// edge: sorting 10,000 edges by their properties cost 15-25 ms a request on FalkorDB, sorting the documents
// 3 ms. Documents with guarantees (by the count recorded when their load completed; a null count, a load
// that never completed, is taken as possibly some) are sorted by date (newest first) and id, the first
// $upto (= skip + limit) of them are kept, since each holds at least one guarantee, and their edges are found
// through the `doc` index, ordered by document date, document id and sentence (the order of guarantees.cypher,
// since the loader gives every edge its document's date). A page that comes back short (the end of the list,
// or a document whose recorded count is stale) is asked again of guarantees.cypher by the API.
// Each edge is returned as its rendered `evidence` (graph/evidence.py: the row guarantees.cypher would give,
// written with the edge; null on a store written before edges carried it, and the API then asks
// guarantees.cypher).
// Returns: evidence (JSON text or null).
// scalar reply: strings, integers and nulls
// params: $upto (int ≥ 1: skip + limit), $skip (int ≥ 0), $limit (int ≥ 1)
MATCH (d:Document)
WHERE d.guarantees > 0 OR d.guarantees IS NULL
WITH d ORDER BY d.date DESC, d.id
LIMIT $upto
MATCH ()-[e:GUARANTEES {doc: d.id}]->()
WITH d, e ORDER BY d.date DESC, d.id, e.sentence
SKIP $skip LIMIT $limit
RETURN e.evidence AS evidence
