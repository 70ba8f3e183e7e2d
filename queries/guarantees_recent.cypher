// The unfiltered /guarantees page, newest first, found from the Document nodes instead of every GUARANTEES
// edge: sorting 10,000 edges by their properties cost 15-25 ms a request on FalkorDB, sorting the documents
// 3 ms. Documents with guarantees (by the count recorded when their load completed; a null count, a load
// that never completed, is taken as possibly some) are sorted by date (newest first) and id, the first
// $upto (= skip + limit) of them are kept, since each holds at least one guarantee, and their edges are found
// through the `doc` index, ordered by document date, document id and sentence (the order of guarantees.cypher,
// since the loader gives every edge its document's date). A page that comes back short (the end of the list,
// or a document whose recorded count is stale) is asked again of guarantees.cypher by the API.
// Returns: guarantor, guarantor_name, beneficiary, beneficiary_name, status, scope, proposed_by, doc, title,
// outlet, url, sentence, quote, speaker, speaker_name, date, confidence, rule.
// params: $upto (int ≥ 1: skip + limit), $skip (int ≥ 0), $limit (int ≥ 1)
MATCH (d:Document)
WHERE d.guarantees > 0 OR d.guarantees IS NULL
WITH d ORDER BY d.date DESC, d.id
LIMIT $upto
MATCH ()-[e:GUARANTEES {doc: d.id}]->()
WITH d, e ORDER BY d.date DESC, d.id, e.sentence
SKIP $skip LIMIT $limit
WITH d, e, startNode(e) AS g, endNode(e) AS b
OPTIONAL MATCH (s:Official {id: e.speaker})
RETURN g.id AS guarantor, g.name AS guarantor_name, b.id AS beneficiary, b.name AS beneficiary_name,
       e.status AS status, e.scope AS scope, e.proposed_by AS proposed_by, e.doc AS doc, d.title AS title,
       d.outlet AS outlet, d.url AS url, e.sentence AS sentence, e.quote AS quote, e.speaker AS speaker,
       s.name AS speaker_name, coalesce(e.date, d.date) AS date, e.confidence AS confidence, e.rule AS rule
