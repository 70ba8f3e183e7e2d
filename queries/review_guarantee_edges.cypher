// The GUARANTEES edges of some documents as the review layer compares them with its records, found through
// the `doc` index of the edge type (app/guarantee_reviewing.py).
// Returns: doc, sentence, guarantor, guarantor_name, beneficiary, beneficiary_name, status, scope, proposed_by,
// quote, speaker, date, confidence, rule, span_start, span_end (one row per edge).
// params: $ids (list of document ids)
UNWIND coalesce($ids, []) AS doc
MATCH (g:Actor)-[e:GUARANTEES {doc: doc}]->(b:Actor)
RETURN doc, e.sentence AS sentence, g.id AS guarantor, g.name AS guarantor_name, b.id AS beneficiary,
       b.name AS beneficiary_name, e.status AS status, e.scope AS scope, e.proposed_by AS proposed_by,
       e.quote AS quote, e.speaker AS speaker, e.date AS date, e.confidence AS confidence, e.rule AS rule,
       e.span_start AS span_start, e.span_end AS span_end
ORDER BY doc, sentence, guarantor, beneficiary
