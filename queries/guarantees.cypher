// Who guarantees whose security: GUARANTEES edges with their evidence (document title, outlet, URL and the
// speaker's name), newest first, one page of them. ORDER BY … SKIP … LIMIT lets the engine keep only the
// top skip+limit edges while it scans instead of sorting them all, and documents and speakers are looked up
// for the page alone. FalkorDB's SKIP and LIMIT take no null and no expression, so both are required integers
// (the API always passes them: skip 0, limit 100 unless asked otherwise).
// Returns: guarantor, guarantor_name, beneficiary, beneficiary_name, status, scope, proposed_by, doc, title,
// outlet, url, sentence, quote, speaker, speaker_name, date, confidence, rule.
// params: $guarantor, $beneficiary (actor ids or null), $status (proposed|willing|declined or null), $date_from, $date_to (partial ISO dates or null), $process (a process id or null: edges of that process's documents only), $skip (int ≥ 0), $limit (int ≥ 1)
MATCH (g:Actor)-[e:GUARANTEES]->(b:Actor)
WHERE ($guarantor IS NULL OR g.id = $guarantor)
  AND ($beneficiary IS NULL OR b.id = $beneficiary)
  AND ($status IS NULL OR e.status = $status)
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
