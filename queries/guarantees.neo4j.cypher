// Neo4j 5 variant of guarantees.cypher: the same page, with the edges found from the actor named, each branch
// starting from one index seek (as guarantees_rendered.neo4j.cypher, which says why: Neo4j cannot seek an
// actor through `$guarantor IS NULL OR g.id = $guarantor`, and scanned every pair of actors).
// Returns: guarantor, guarantor_name, beneficiary, beneficiary_name, status, scope, proposed_by, doc, title,
// outlet, url, sentence, quote, speaker, speaker_name, date, confidence, rule.
// params: $guarantor, $beneficiary (actor ids or null), $status (proposed|willing|declined or null), $date_from, $date_to (partial ISO dates or null), $process (a process id or null: edges of that process's documents only), $skip (int ≥ 0), $limit (int ≥ 1)
CALL () {
  MATCH (x_g:Actor {id: $guarantor})-[x:GUARANTEES]->(x_b)
  WHERE $beneficiary IS NULL OR x_b.id = $beneficiary
  RETURN x_g AS guarantor, x AS edge, x_b AS beneficiary
  UNION ALL
  MATCH (x_g)-[x:GUARANTEES]->(x_b:Actor {id: $beneficiary})
  WHERE $guarantor IS NULL
  RETURN x_g AS guarantor, x AS edge, x_b AS beneficiary
  UNION ALL
  MATCH (x_g:Actor)-[x:GUARANTEES]->(x_b)
  WHERE $guarantor IS NULL AND $beneficiary IS NULL
  RETURN x_g AS guarantor, x AS edge, x_b AS beneficiary
}
WITH guarantor AS g, edge AS e, beneficiary AS b
WHERE ($status IS NULL OR e.status = $status)
  AND ($date_from IS NULL OR e.date >= $date_from)
  AND ($date_to IS NULL OR e.date <= $date_to OR e.date STARTS WITH $date_to)
  AND ($process IS NULL OR e.process = $process)
WITH g, e, b ORDER BY e.date DESC, e.doc, e.sentence
SKIP $skip LIMIT $limit
OPTIONAL MATCH (d:Document {id: e.doc})
OPTIONAL MATCH (s:Official {id: e.speaker})
RETURN g.id AS guarantor, g.name AS guarantor_name, b.id AS beneficiary, b.name AS beneficiary_name,
       e.status AS status, e.scope AS scope, e.proposed_by AS proposed_by, e.doc AS doc, d.title AS title,
       d.outlet AS outlet, d.url AS url, e.sentence AS sentence, e.quote AS quote, e.speaker AS speaker,
       s.name AS speaker_name, coalesce(e.date, d.date) AS date, e.confidence AS confidence, e.rule AS rule
