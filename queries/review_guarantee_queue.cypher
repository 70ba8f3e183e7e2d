// GUARANTEES edges by rising confidence: the guarantee candidates of the review queue (app/reviewing.py merges
// them with the positions', leaves out those already reviewed, and so asks for as many more as there are
// reviews).
// Returns: doc, sentence, guarantor, guarantor_name, beneficiary, beneficiary_name, status, scope, quote,
// confidence, date (one row per edge).
// params: $limit (int)
MATCH (g:Actor)-[e:GUARANTEES]->(b:Actor)
RETURN e.doc AS doc, e.sentence AS sentence, g.id AS guarantor, g.name AS guarantor_name, b.id AS beneficiary,
       b.name AS beneficiary_name, e.status AS status, e.scope AS scope, e.quote AS quote,
       e.confidence AS confidence, e.date AS date
ORDER BY confidence, doc, sentence, guarantor, beneficiary
LIMIT $limit
