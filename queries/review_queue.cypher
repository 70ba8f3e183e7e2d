// Position edges by rising confidence: the candidates of the review queue (app/reviewing.py leaves out those
// already reviewed, so it asks for as many more as there are reviews).
// Returns: doc, sentence, actor, actor_name, relation, term, term_label, quote, confidence, date (one row per edge).
// params: $limit (int)
MATCH (a:Actor)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t:Term)
RETURN e.doc AS doc, e.sentence AS sentence, a.id AS actor, a.name AS actor_name, type(e) AS relation,
       t.id AS term, t.label AS term_label, e.quote AS quote, e.confidence AS confidence, e.date AS date
ORDER BY confidence, doc, sentence, actor, relation, term
LIMIT $limit
