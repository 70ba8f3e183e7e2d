// The GUARANTEES edges without their rendered row (graph/evidence.py), as a store of stored format 1 holds
// those written before edges carried it, with what the row shows (guarantees.cypher's columns): the edges
// `peacegraph db migrate` renders (graph/format.py).
// Returns: guarantor, guarantor_name, beneficiary, beneficiary_name, status, scope, proposed_by, doc, title,
// outlet, url, sentence, quote, speaker, speaker_name, date, confidence, rule (one row per edge).
// params: (none)
MATCH (g:Actor)-[e:GUARANTEES]->(b:Actor)
WHERE e.evidence IS NULL
OPTIONAL MATCH (d:Document {id: e.doc})
OPTIONAL MATCH (s:Official {id: e.speaker})
RETURN g.id AS guarantor, g.name AS guarantor_name, b.id AS beneficiary, b.name AS beneficiary_name,
       e.status AS status, e.scope AS scope, e.proposed_by AS proposed_by, e.doc AS doc, d.title AS title,
       d.outlet AS outlet, d.url AS url, e.sentence AS sentence, e.quote AS quote, e.speaker AS speaker,
       s.name AS speaker_name, coalesce(e.date, d.date) AS date, e.confidence AS confidence, e.rule AS rule
