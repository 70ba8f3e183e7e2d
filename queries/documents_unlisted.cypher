// The complete documents without the rendered rows of their guarantees (document_complete), as a store of
// stored format 1 holds those written before documents kept them, each with its GUARANTEES edges' rows in
// the order the writer lists them (sentence, then guarantor and beneficiary: graph/rows.py document_counts):
// the lists `peacegraph db migrate` writes (graph/format.py), once every edge has its row. A document whose
// load never completed has no list until a load completes it, and is left out.
// Returns: id, evidence (list of JSON texts; one row per document).
// params: (none)
MATCH (d:Document)
WHERE d.complete = true AND d.guarantee_evidence IS NULL
OPTIONAL MATCH (g:Actor)-[e:GUARANTEES {doc: d.id}]->(b:Actor)
WITH d, e, g, b ORDER BY d.id, e.sentence, g.id, b.id
RETURN d.id AS id, collect(e.evidence) AS evidence
