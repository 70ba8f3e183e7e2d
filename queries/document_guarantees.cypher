// The GUARANTEES edges one document contributed, in sentence order.
// Returns: guarantor, guarantor_name, beneficiary, beneficiary_name, status, scope, proposed_by, sentence,
// quote, speaker, date, confidence, rule.
// params: $id (document id)
MATCH (d:Document {id: $id})-[:MENTIONS]->(g:Actor)-[e:GUARANTEES]->(b:Actor)
WHERE e.doc = $id
RETURN g.id AS guarantor, g.name AS guarantor_name, b.id AS beneficiary, b.name AS beneficiary_name,
       e.status AS status, e.scope AS scope, e.proposed_by AS proposed_by, e.sentence AS sentence,
       e.quote AS quote, e.speaker AS speaker, e.date AS date, e.confidence AS confidence, e.rule AS rule
ORDER BY sentence, guarantor, beneficiary
