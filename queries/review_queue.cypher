// Position edges by rising confidence, and among equal confidence those whose (actor, term) cell takes part in
// a conflict first: the candidates of the review queue (app/reviewing.py leaves out those already reviewed, so
// it asks for as many more as there are reviews).
// Returns: doc, sentence, actor, actor_name, relation, term, term_label, quote, confidence, date, in_conflict
// (one row per edge).
// params: $limit (int), $hot (list of the cells in a conflict, each actor id + '|' + term id)
MATCH (a:Actor)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t:Term)
WITH a, e, t, (a.id + '|' + t.id) IN coalesce($hot, []) AS in_conflict
RETURN e.doc AS doc, e.sentence AS sentence, a.id AS actor, a.name AS actor_name, type(e) AS relation,
       t.id AS term, t.label AS term_label, e.quote AS quote, e.confidence AS confidence, e.date AS date,
       in_conflict
ORDER BY confidence, CASE WHEN in_conflict THEN 0 ELSE 1 END, doc, sentence, actor, relation, term
LIMIT $limit
