// Merge position edges, one per (actor, relation, term, doc, sentence). The relationship type comes from
// the fixed set DEMANDS | OFFERS | SUPPORTS | REJECTS through one FOREACH branch each: Cypher cannot take a
// type as a parameter, and this keeps one query (one round trip) for all four.
// Returns: count (rows processed).
// params: $rows (list of {actor, relation, term, doc, sentence, props})
UNWIND $rows AS r
MATCH (a:Actor {id: r.actor})
MATCH (t:Term {id: r.term})
FOREACH (_ IN CASE WHEN r.relation = 'DEMANDS' THEN [1] ELSE [] END |
  MERGE (a)-[e:DEMANDS {doc: r.doc, sentence: r.sentence}]->(t)
  SET e += r.props)
FOREACH (_ IN CASE WHEN r.relation = 'OFFERS' THEN [1] ELSE [] END |
  MERGE (a)-[e:OFFERS {doc: r.doc, sentence: r.sentence}]->(t)
  SET e += r.props)
FOREACH (_ IN CASE WHEN r.relation = 'SUPPORTS' THEN [1] ELSE [] END |
  MERGE (a)-[e:SUPPORTS {doc: r.doc, sentence: r.sentence}]->(t)
  SET e += r.props)
FOREACH (_ IN CASE WHEN r.relation = 'REJECTS' THEN [1] ELSE [] END |
  MERGE (a)-[e:REJECTS {doc: r.doc, sentence: r.sentence}]->(t)
  SET e += r.props)
RETURN count(r) AS count
