// Evidence of some (actor, term) cells: for each cell, its position edges of the given relations, newest first,
// at most $per_cell of them, with the actor's name and the term's label. Both ends are looked up by id first,
// so only the edges between them are read.
// Returns: key, actor, actor_name, term, term_label, evidence (list of {relation, doc, sentence, quote,
// speaker, date, confidence}; empty when the cell has none).
// params: $cells (list of {key, actor, term, relations}), $per_cell (int or null = 5)
UNWIND $cells AS c
MATCH (a:Actor {id: c.actor})
MATCH (t:Term {id: c.term})
OPTIONAL MATCH (a)-[e]->(t)
WHERE type(e) IN c.relations
WITH c, a, t, e ORDER BY e.date DESC, e.doc, e.sentence
WITH c, a, t, collect(e)[..coalesce($per_cell, 5)] AS kept
RETURN c.key AS key, a.id AS actor, a.name AS actor_name, t.id AS term, t.label AS term_label,
       [e IN kept | {relation: type(e), doc: e.doc, sentence: e.sentence, quote: e.quote, speaker: e.speaker,
        date: e.date, confidence: e.confidence}] AS evidence
