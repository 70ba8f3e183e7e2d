// Merge GUARANTEES edges guarantor -> beneficiary, one per (guarantor, beneficiary, doc, sentence).
// Returns: count.
// params: $rows (list of {guarantor, beneficiary, doc, sentence, props})
UNWIND $rows AS r
MATCH (g:Actor {id: r.guarantor})
MATCH (b:Actor {id: r.beneficiary})
MERGE (g)-[e:GUARANTEES {doc: r.doc, sentence: r.sentence}]->(b)
SET e += r.props
RETURN count(e) AS count
