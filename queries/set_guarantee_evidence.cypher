// Give GUARANTEES edges their rendered row (graph/evidence.py), as their write does (upsert_guarantees): for
// `peacegraph db migrate`, the edges of guarantees_unrendered (graph/format.py).
// Returns: count.
// params: $rows (list of {guarantor, beneficiary, doc, sentence, evidence})
UNWIND $rows AS r
MATCH (g:Actor {id: r.guarantor})-[e:GUARANTEES {doc: r.doc, sentence: r.sentence}]->(b:Actor {id: r.beneficiary})
SET e.evidence = r.evidence
RETURN count(e) AS count
