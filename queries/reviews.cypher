// Review records of positions (those without a `subject`; a guarantee's has one: guarantee_reviews.cypher),
// oldest first: of some documents, or all of them ($docs null). Found by the `doc` property
// (indexed), not through the REVIEWS edge, so the reviews of a deleted document still answer (as orphans).
// Returns: id, doc, sentence, quote, actor, relation, term, decision, reason, reviewer, at, new_actor,
// new_relation, new_term, new_conditional_on, conditional_on, confidence (one row per review).
// params: $docs (list of document ids or null = every review)
MATCH (v:Review)
WHERE ($docs IS NULL OR v.doc IN $docs) AND v.subject IS NULL
RETURN v.id AS id, v.doc AS doc, v.sentence AS sentence, v.quote AS quote, v.actor AS actor,
       v.relation AS relation, v.term AS term, v.decision AS decision, v.reason AS reason, v.reviewer AS reviewer,
       v.at AS at, v.new_actor AS new_actor, v.new_relation AS new_relation, v.new_term AS new_term,
       v.new_conditional_on AS new_conditional_on, v.conditional_on AS conditional_on, v.confidence AS confidence
ORDER BY at, id
