// Who guarantees whose security: GUARANTEES edges with their evidence, newest first, one page of them.
// The page is cut from the collected list because FalkorDB's LIMIT takes no expression (and no null).
// Returns: guarantor, guarantor_name, beneficiary, beneficiary_name, status, scope, proposed_by, doc,
// sentence, quote, speaker, date, confidence, rule.
// params: $guarantor, $beneficiary (actor ids or null), $status (proposed|willing|declined or null), $date_from, $date_to (partial ISO dates or null), $skip (int or null = 0), $limit (int or null = 100)
MATCH (g:Actor)-[e:GUARANTEES]->(b:Actor)
WHERE ($guarantor IS NULL OR g.id = $guarantor)
  AND ($beneficiary IS NULL OR b.id = $beneficiary)
  AND ($status IS NULL OR e.status = $status)
  AND ($date_from IS NULL OR e.date >= $date_from)
  AND ($date_to IS NULL OR e.date <= $date_to OR e.date STARTS WITH $date_to)
WITH g, e, b ORDER BY e.date DESC, g.id, b.id, e.doc, e.sentence
WITH collect({g: g, e: e, b: b}) AS found
UNWIND found[coalesce($skip, 0)..coalesce($skip, 0) + coalesce($limit, 100)] AS row
WITH row.g AS g, row.e AS e, row.b AS b
RETURN g.id AS guarantor, g.name AS guarantor_name, b.id AS beneficiary, b.name AS beneficiary_name,
       e.status AS status, e.scope AS scope, e.proposed_by AS proposed_by, e.doc AS doc, e.sentence AS sentence,
       e.quote AS quote, e.speaker AS speaker, e.date AS date, e.confidence AS confidence, e.rule AS rule
