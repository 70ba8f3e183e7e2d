// stance_timeline for some of an actor's terms: their position edges in the same order, paged. The actor's
// all-terms timeline is ordered by term first, so app/services/analysis.py takes from the actor's Stance
// aggregates how many points each term holds and reads only the terms that the page falls on, each term found
// by the id index and its edges from the actor read between the two (expand-into), instead of every edge of
// the actor (37,000 at 100,000 documents: 380 ms of Neo4j CPU for a page of 1,000).
// Returns: term, label, relation, date, doc, sentence, quote, speaker, confidence.
// params: $actor (actor id), $terms (list of term ids), $skip (int ≥ 0: points of these terms before the page), $limit (int ≥ 1)
// scalar reply: strings, integers and nulls; floats: confidence
MATCH (a:Actor {id: $actor})
MATCH (t:Term)
WHERE t.id IN $terms
WITH a, t
MATCH (a)-[e]->(t)
RETURN t.id AS term, t.label AS label, type(e) AS relation, e.date AS date, e.doc AS doc, e.sentence AS sentence,
       e.quote AS quote, e.speaker AS speaker, e.confidence AS confidence
ORDER BY term, date, doc, sentence, relation
SKIP $skip
LIMIT $limit
