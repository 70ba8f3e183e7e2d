// Review records of guarantees (Review nodes whose `subject` is $subject, 'guarantee'), oldest first: of some
// documents, or all of them ($docs null). Found by the `doc` property (indexed), as reviews.cypher finds the
// positions' reviews, so the reviews of a deleted document still answer (as orphans).
// Returns: id, subject, doc, sentence, quote, guarantor, beneficiary, status, scope, decision, reason, reviewer,
// at, new_guarantor, new_beneficiary, new_status, new_scope, confidence (one row per review).
// params: $docs (list of document ids or null = every review), $subject (the ReviewSubject of guarantees)
MATCH (v:Review)
WHERE ($docs IS NULL OR v.doc IN $docs) AND v.subject = $subject
RETURN v.id AS id, v.subject AS subject, v.doc AS doc, v.sentence AS sentence, v.quote AS quote,
       v.guarantor AS guarantor, v.beneficiary AS beneficiary, v.status AS status, v.scope AS scope,
       v.decision AS decision, v.reason AS reason, v.reviewer AS reviewer, v.at AS at,
       v.new_guarantor AS new_guarantor, v.new_beneficiary AS new_beneficiary, v.new_status AS new_status,
       v.new_scope AS new_scope, v.confidence AS confidence
ORDER BY at, id
