// guarantees.cypher's page (same filters, order, skip and limit) as each edge's rendered `evidence` (graph/
// evidence.py: the row the API shows, written with the edge), so that a page costs one property read an
// edge and no document or speaker look-up. Every edge carries it from its write on (stored format 2,
// graph/format.py).
// Returns: evidence (JSON text).
// scalar reply: strings, integers and nulls
// params: $guarantor, $beneficiary (actor ids or null), $status (proposed|willing|declined or null), $date_from, $date_to (partial ISO dates or null), $process (a process id or null: edges of that process's documents only), $skip (int ≥ 0), $limit (int ≥ 1)
MATCH (g:Actor)-[e:GUARANTEES]->(b:Actor)
WHERE ($guarantor IS NULL OR g.id = $guarantor)
  AND ($beneficiary IS NULL OR b.id = $beneficiary)
  AND ($status IS NULL OR e.status = $status)
  AND ($date_from IS NULL OR e.date >= $date_from)
  AND ($date_to IS NULL OR e.date <= $date_to OR e.date STARTS WITH $date_to)
  AND ($process IS NULL OR e.process = $process)
WITH e ORDER BY e.date DESC, e.doc, e.sentence
SKIP $skip LIMIT $limit
RETURN e.evidence AS evidence
