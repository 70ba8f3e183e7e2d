// The unfiltered /guarantees page, newest first, read from the Document nodes instead of every GUARANTEES
// edge: each complete document holds its guarantees' rendered evidence in sentence order (document_complete,
// graph/evidence.py), so a page sorts the documents and unwinds their lists, without an edge or a join
// (sorting 10,000 edges by their properties cost 15-25 ms a request on FalkorDB, finding a deep page's
// edges through the `doc` index 5-10 ms). Documents with guarantees (by the count recorded when their load
// completed; a null count, a load that never completed, is taken as possibly some) are sorted by date (newest
// first) and id, the first $upto (= skip + limit) are kept, since each holds at least one guarantee: the order
// of guarantees.cypher, since the loader gives every edge its document's date. When one of those documents
// has no list (a load that has not completed: the list is written when it does) the page comes back empty,
// and the API asks guarantees_rendered.cypher, as it does for a short page (the end of the list).
// Returns: evidence (JSON text).
// scalar reply: strings, integers and nulls
// params: $upto (int ≥ 1: skip + limit), $skip (int ≥ 0), $limit (int ≥ 1)
MATCH (d:Document)
WHERE d.guarantees > 0 OR d.guarantees IS NULL
WITH d ORDER BY d.date DESC, d.id
LIMIT $upto
WITH collect(d) AS docs
UNWIND CASE WHEN all(x IN docs WHERE x.guarantee_evidence IS NOT NULL) THEN docs ELSE [] END AS d
UNWIND d.guarantee_evidence AS evidence
WITH evidence SKIP $skip LIMIT $limit
RETURN evidence
