// Neo4j 5 variant of guarantees_rendered.cypher: the same page (filters, order, skip and limit) as each edge's
// rendered `evidence`, with the edges found from the actor named. Neo4j plans guarantees_rendered.cypher's
// `$guarantor IS NULL OR g.id = $guarantor` once for every parameter value, so it cannot seek the actor by
// its unique id: it scanned every Actor twice and expanded between each pair (10,120 db hits, 2-3 ms of
// server CPU for one actor's 164 guarantees at 10,000 documents). Here each branch starts from one index
// seek, and a branch whose actor is not named finds no node: a guarantor's edges, else a beneficiary's, else
// (neither named) every edge, whose Actor scan the parameter test stops before the expansion (0.9-1.1 ms).
// Returns: evidence (JSON text).
// scalar reply: strings, integers and nulls
// params: $guarantor, $beneficiary (actor ids or null), $status (proposed|willing|declined or null), $date_from, $date_to (partial ISO dates or null), $process (a process id or null: edges of that process's documents only), $skip (int ≥ 0), $limit (int ≥ 1)
CALL () {
  MATCH (:Actor {id: $guarantor})-[x:GUARANTEES]->(b)
  WHERE $beneficiary IS NULL OR b.id = $beneficiary
  RETURN x AS edge
  UNION ALL
  MATCH ()-[x:GUARANTEES]->(:Actor {id: $beneficiary})
  WHERE $guarantor IS NULL
  RETURN x AS edge
  UNION ALL
  MATCH (:Actor)-[x:GUARANTEES]->()
  WHERE $guarantor IS NULL AND $beneficiary IS NULL
  RETURN x AS edge
}
WITH edge AS e
WHERE ($status IS NULL OR e.status = $status)
  AND ($date_from IS NULL OR e.date >= $date_from)
  AND ($date_to IS NULL OR e.date <= $date_to OR e.date STARTS WITH $date_to)
  AND ($process IS NULL OR e.process = $process)
WITH e ORDER BY e.date DESC, e.doc, e.sentence
SKIP $skip LIMIT $limit
RETURN e.evidence AS evidence
