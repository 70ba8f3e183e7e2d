// Create the position edges of documents being written, one per (actor, relation, term, doc, sentence). CREATE,
// not MERGE: the store runs this under its write lock after document_clear has removed every edge of the
// documents it replaces, and a new document has none (its Document node is written first, by document_begin,
// and deleted last), so no edge of these documents exists here; the rows are de-duplicated by the store. MERGE
// read every edge between the actor and the term for each row, a cost that grew with the store. Cypher cannot
// take a relationship type as a parameter, so a cell's edges come in one list per type (DEMANDS | OFFERS |
// SUPPORTS | REJECTS), each written by its own FOREACH: one query (one round trip) for all four, and no
// per-edge CASE (a FOREACH over a CASE per edge cost 30% more on FalkorDB). Edges come grouped by (actor,
// term) cell, so both ends are looked up once per cell; an edge's row is its whole property map (doc,
// sentence and the properties that have a value), set as it is.
// Returns: count (cells processed).
// params: $cells (list of {actor, term, demands, offers, supports, rejects: lists of edge property maps, may be absent})
UNWIND $cells AS c
MATCH (a:Actor {id: c.actor})
MATCH (t:Term {id: c.term})
FOREACH (r IN coalesce(c.demands, []) | CREATE (a)-[e:DEMANDS]->(t) SET e = r)
FOREACH (r IN coalesce(c.offers, []) | CREATE (a)-[e:OFFERS]->(t) SET e = r)
FOREACH (r IN coalesce(c.supports, []) | CREATE (a)-[e:SUPPORTS]->(t) SET e = r)
FOREACH (r IN coalesce(c.rejects, []) | CREATE (a)-[e:REJECTS]->(t) SET e = r)
RETURN count(c) AS count
