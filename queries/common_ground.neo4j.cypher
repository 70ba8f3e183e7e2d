// Neo4j 5 variant of common_ground.cypher (the subqueries' variables in Neo4j's `CALL (x, …)` form).
// Common ground between two actors: terms both favour (DEMANDS, OFFERS or SUPPORTS) or both REJECT, found
// from their Stance aggregates (a few dozen cells each), with at most $per_side evidence edges for each actor,
// newest first, fetched only for the terms shown (a subquery per side keeps the newest while it reads the
// cell's edges, instead of sorting them all). Neo4j runs common_ground.neo4j.cypher, the same query with
// Neo4j 5's `CALL (a, t, stance) { … }` (FalkorDB 4 parses only `CALL { WITH … }`, deprecated by Neo4j).
// Returns: term, label, stance ('favour' or 'reject'), evidence_a, evidence_b (lists of {relation, doc,
// sentence, quote, speaker, date, confidence, rule,
// conditional_on}), count_a, count_b.
// params: $a, $b (actor ids), $per_side (int ≥ 1)
MATCH (x:Stance {actor: $a})
MATCH (y:Stance {actor: $b})
WHERE y.term = x.term
UNWIND [['favour', x.favour, y.favour], ['reject', x.rejects, y.rejects]] AS side
WITH x.term AS term, side[0] AS stance, side[1] AS count_a, side[2] AS count_b
WHERE count_a > 0 AND count_b > 0
MATCH (a:Actor {id: $a})
MATCH (b:Actor {id: $b})
MATCH (t:Term {id: term})
CALL (a, t, stance) {
  MATCH (a)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t)
  WHERE (type(e) = 'REJECTS') = (stance = 'reject')
  WITH e ORDER BY e.date DESC, e.doc, e.sentence, type(e)
  LIMIT $per_side
  RETURN collect(e) AS xs
}
CALL (b, t, stance) {
  MATCH (b)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t)
  WHERE (type(e) = 'REJECTS') = (stance = 'reject')
  WITH e ORDER BY e.date DESC, e.doc, e.sentence, type(e)
  LIMIT $per_side
  RETURN collect(e) AS ys
}
RETURN t.id AS term, t.label AS label, stance,
       [e IN xs | {relation: type(e), doc: e.doc, sentence: e.sentence, quote: e.quote, speaker: e.speaker,
        date: e.date, confidence: e.confidence, rule: e.rule, conditional_on: e.conditional_on}] AS evidence_a,
       [e IN ys | {relation: type(e), doc: e.doc, sentence: e.sentence, quote: e.quote, speaker: e.speaker,
        date: e.date, confidence: e.confidence, rule: e.rule, conditional_on: e.conditional_on}] AS evidence_b,
       count_a, count_b
ORDER BY term, stance
