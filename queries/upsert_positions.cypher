// Create the position edges of documents being written, one per (actor, relation, term, doc, sentence). CREATE,
// not MERGE: the store runs this under its write lock after document_clear has removed every edge of the
// documents it replaces, and a new document has none (its Document node is written first, by document_begin,
// and deleted last), so no edge of these documents exists here; the rows are de-duplicated by the store. MERGE
// read every edge between the actor and the term for each row, a cost that grew with the store. The
// relationship type comes from the fixed set DEMANDS | OFFERS | SUPPORTS | REJECTS through one FOREACH branch
// each: Cypher cannot take a type as a parameter, and this keeps one query (one round trip) for all four.
// Edges come grouped by (actor, term) cell, so both ends are looked up once per cell; `props` holds only the
// properties that have a value.
// Returns: count (edges processed).
// params: $cells (list of {actor, term, edges: list of {relation, doc, sentence, props}})
UNWIND $cells AS c
MATCH (a:Actor {id: c.actor})
MATCH (t:Term {id: c.term})
UNWIND c.edges AS r
FOREACH (_ IN CASE WHEN r.relation = 'DEMANDS' THEN [1] ELSE [] END |
  CREATE (a)-[e:DEMANDS {doc: r.doc, sentence: r.sentence}]->(t)
  SET e += r.props)
FOREACH (_ IN CASE WHEN r.relation = 'OFFERS' THEN [1] ELSE [] END |
  CREATE (a)-[e:OFFERS {doc: r.doc, sentence: r.sentence}]->(t)
  SET e += r.props)
FOREACH (_ IN CASE WHEN r.relation = 'SUPPORTS' THEN [1] ELSE [] END |
  CREATE (a)-[e:SUPPORTS {doc: r.doc, sentence: r.sentence}]->(t)
  SET e += r.props)
FOREACH (_ IN CASE WHEN r.relation = 'REJECTS' THEN [1] ELSE [] END |
  CREATE (a)-[e:REJECTS {doc: r.doc, sentence: r.sentence}]->(t)
  SET e += r.props)
RETURN count(r) AS count
