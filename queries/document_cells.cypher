// The aggregate cells some documents' evidence edges fall in, found through the `doc` indexes of the edge
// types: (actor, term) pairs of position edges and (guarantor, beneficiary) pairs of GUARANTEES edges. Read
// before a document's edges are replaced or deleted, so that the aggregates of those cells are refreshed.
// Each comprehension has its own variables: FalkorDB 4.16 mixes up comprehensions that share them.
// Returns: kind ('stance' or 'guarantee'), source, target (one row per distinct cell).
// params: $ids (list of document ids)
UNWIND $ids AS doc
WITH doc, [(a1)-[:DEMANDS {doc: doc}]->(t1) | [a1.id, t1.id]] + [(a2)-[:OFFERS {doc: doc}]->(t2) | [a2.id, t2.id]]
          + [(a3)-[:SUPPORTS {doc: doc}]->(t3) | [a3.id, t3.id]] + [(a4)-[:REJECTS {doc: doc}]->(t4) | [a4.id, t4.id]]
          AS stances,
     [(g)-[:GUARANTEES {doc: doc}]->(b) | [g.id, b.id]] AS guarantees
UNWIND [s IN stances | ['stance', s[0], s[1]]] + [g IN guarantees | ['guarantee', g[0], g[1]]] AS cell
RETURN DISTINCT cell[0] AS kind, cell[1] AS source, cell[2] AS target
