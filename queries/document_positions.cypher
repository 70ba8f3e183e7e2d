// The position edges one document contributed, in sentence order.
// Returns: actor, actor_name, relation, term, term_label, sentence, quote, speaker, date, confidence, rule,
// conditional_on, span_start, span_end, slot (the actor the term is about, or null).
// params: $id (document id)
MATCH (d:Document {id: $id})-[:MENTIONS]->(a:Actor)-[e]->(t:Term)
WHERE e.doc = $id
RETURN a.id AS actor, a.name AS actor_name, type(e) AS relation, t.id AS term, t.label AS term_label,
       e.sentence AS sentence, e.quote AS quote, e.speaker AS speaker, e.date AS date, e.confidence AS confidence,
       e.rule AS rule, e.conditional_on AS conditional_on, e.span_start AS span_start, e.span_end AS span_end,
       e.slot AS slot
ORDER BY sentence, actor, relation, term
