// The position edges of some documents as the review layer compares them with its records: found through the
// `doc` index of each position edge type (app/reviewing.py).
// Returns: doc, sentence, actor, actor_name, relation, term, term_label, quote, speaker, date, confidence,
// rule, conditional_on, span_start, span_end, slot (one row per edge).
// params: $ids (list of document ids)
UNWIND coalesce($ids, []) AS doc
OPTIONAL MATCH ()-[e1:DEMANDS {doc: doc}]->()
WITH doc, collect(e1) AS c1
OPTIONAL MATCH ()-[e2:OFFERS {doc: doc}]->()
WITH doc, c1, collect(e2) AS c2
OPTIONAL MATCH ()-[e3:SUPPORTS {doc: doc}]->()
WITH doc, c1, c2, collect(e3) AS c3
OPTIONAL MATCH ()-[e4:REJECTS {doc: doc}]->()
WITH doc, c1, c2, c3, collect(e4) AS c4
UNWIND c1 + c2 + c3 + c4 AS e
WITH doc, e, startNode(e) AS a, endNode(e) AS t
RETURN doc, e.sentence AS sentence, a.id AS actor, a.name AS actor_name, type(e) AS relation, t.id AS term,
       t.label AS term_label, e.quote AS quote, e.speaker AS speaker, e.date AS date, e.confidence AS confidence,
       e.rule AS rule, e.conditional_on AS conditional_on, e.span_start AS span_start, e.span_end AS span_end,
       e.slot AS slot
ORDER BY doc, sentence, actor, relation, term
