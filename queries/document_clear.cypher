// Remove the position and guarantee edges of documents, found through the `doc` index of each edge type
// (not by walking every edge of the actors they mention: that took minutes for a large document on a big
// store). Each comprehension has its own variable: FalkorDB 4.16 mixes up comprehensions that share one.
// Mentions go in document_clear_mentions; aggregates are refreshed afterwards by the store.
// Returns: count (edges deleted).
// params: $ids (list of document ids)
UNWIND $ids AS doc
WITH doc, [()-[e1:DEMANDS {doc: doc}]->() | e1] + [()-[e2:OFFERS {doc: doc}]->() | e2]
          + [()-[e3:SUPPORTS {doc: doc}]->() | e3] + [()-[e4:REJECTS {doc: doc}]->() | e4]
          + [()-[e5:GUARANTEES {doc: doc}]->() | e5] AS edges
UNWIND edges AS e
DELETE e
RETURN count(e) AS count
