// Neo4j 5 variant of cell_evidence.cypher (the subquery's variables in Neo4j's `CALL (a, t, c)` form).
// Evidence of some (actor, term) cells: for each cell, its position edges of the given relations, newest first,
// at most $per_cell of them, with the actor's name and the term's label. Both ends are looked up by id first,
// so only the edges between them are read, and a subquery keeps the newest while it reads them (no sort of
// every edge of the cells). Neo4j runs cell_evidence.neo4j.cypher, the same query with Neo4j 5's
// `CALL (a, t, c) { … }` (FalkorDB 4 parses only `CALL { WITH … }`, which Neo4j deprecates).
// Returns: key, actor, actor_name, term, term_label, evidence (list of {relation, doc, sentence, quote,
// speaker, date, confidence, rule,
// conditional_on}; empty when the cell has none).
// params: $cells (list of {key, actor, term, relations}), $process (a process id or null: edges of that process's documents only), $per_cell (int ≥ 1)
UNWIND $cells AS c
MATCH (a:Actor {id: c.actor})
MATCH (t:Term {id: c.term})
CALL (a, t, c) {
  MATCH (a)-[e]->(t)
  WHERE type(e) IN c.relations
    AND ($process IS NULL OR e.process = $process)
  WITH e ORDER BY e.date DESC, e.doc, e.sentence, type(e)
  LIMIT $per_cell
  RETURN collect(e) AS kept
}
RETURN c.key AS key, a.id AS actor, a.name AS actor_name, t.id AS term, t.label AS term_label,
       [e IN kept | {relation: type(e), doc: e.doc, sentence: e.sentence, quote: e.quote, speaker: e.speaker,
        date: e.date, confidence: e.confidence, rule: e.rule, conditional_on: e.conditional_on}] AS evidence
