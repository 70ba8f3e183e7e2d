// What some documents contribute to the Stance aggregates, found through the `doc` indexes of the position
// edge types: per document, (actor, term) cell and relation, the number of edges and their first and last
// date. Read before a document's edges are replaced or deleted, so the store can take exactly that share
// out of the aggregates.
// Returns: doc, actor, term, relation, sources, first, last.
// params: $ids (list of document ids)
UNWIND $ids AS doc
WITH doc, [(a1)-[e1:DEMANDS {doc: doc}]->(t1) | [a1.id, t1.id, 'DEMANDS', e1.date]]
          + [(a2)-[e2:OFFERS {doc: doc}]->(t2) | [a2.id, t2.id, 'OFFERS', e2.date]]
          + [(a3)-[e3:SUPPORTS {doc: doc}]->(t3) | [a3.id, t3.id, 'SUPPORTS', e3.date]]
          + [(a4)-[e4:REJECTS {doc: doc}]->(t4) | [a4.id, t4.id, 'REJECTS', e4.date]] AS found
UNWIND found AS f
WITH doc, f[0] AS actor, f[1] AS term, f[2] AS relation, f[3] AS date
RETURN doc, actor, term, relation, count(*) AS sources, min(date) AS first, max(date) AS last
