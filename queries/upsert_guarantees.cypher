// Create the GUARANTEES edges guarantor -> beneficiary of documents being written, one per (guarantor,
// beneficiary, doc, sentence). CREATE, not MERGE, for the reason given in upsert_positions: under the write
// lock, none of these documents' edges exists any more, and the rows are de-duplicated by the store.
// Returns: count.
// params: $rows (list of {guarantor, beneficiary, doc, sentence, props})
UNWIND $rows AS r
MATCH (g:Actor {id: r.guarantor})
MATCH (b:Actor {id: r.beneficiary})
CREATE (g)-[e:GUARANTEES {doc: r.doc, sentence: r.sentence}]->(b)
SET e += r.props
RETURN count(e) AS count
