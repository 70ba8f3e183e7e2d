// Recompute the GuaranteeSummary aggregate (one node per pair, keyed by guarantor and beneficiary) of some (guarantor, beneficiary) pairs from their GUARANTEES
// edges: sources (edges) per status, distinct documents, first and last date, per status and for the pair.
// Run in the same locked write as the edges, for every pair it touched (a pair holds few edges, so a full
// recount is cheap; both ends are bound first so only the edges between them are read); pairs left without edges go in prune_guarantee_summaries.
// Returns: count (pairs written).
// params: $cells (list of {source: guarantor id, target: beneficiary id})
UNWIND $cells AS c
MATCH (g:Actor {id: c.source})
MATCH (b:Actor {id: c.target})
WITH g, b
MATCH (g)-[e:GUARANTEES]->(b)
WITH g, b, count(e) AS sources, count(DISTINCT e.doc) AS documents, min(e.date) AS first, max(e.date) AS last,
     count(CASE WHEN e.status = 'proposed' THEN 1 END) AS proposed,
     count(CASE WHEN e.status = 'willing' THEN 1 END) AS willing,
     count(CASE WHEN e.status = 'declined' THEN 1 END) AS declined,
     count(DISTINCT CASE WHEN e.status = 'proposed' THEN e.doc END) AS proposed_documents,
     count(DISTINCT CASE WHEN e.status = 'willing' THEN e.doc END) AS willing_documents,
     count(DISTINCT CASE WHEN e.status = 'declined' THEN e.doc END) AS declined_documents,
     min(CASE WHEN e.status = 'proposed' THEN e.date END) AS proposed_first,
     max(CASE WHEN e.status = 'proposed' THEN e.date END) AS proposed_last,
     min(CASE WHEN e.status = 'willing' THEN e.date END) AS willing_first,
     max(CASE WHEN e.status = 'willing' THEN e.date END) AS willing_last,
     min(CASE WHEN e.status = 'declined' THEN e.date END) AS declined_first,
     max(CASE WHEN e.status = 'declined' THEN e.date END) AS declined_last
MERGE (s:GuaranteeSummary {guarantor: g.id, beneficiary: b.id})
SET s.sources = sources, s.documents = documents, s.first = first, s.last = last,
    s.proposed = proposed, s.willing = willing, s.declined = declined,
    s.proposed_documents = proposed_documents, s.willing_documents = willing_documents,
    s.declined_documents = declined_documents, s.proposed_first = proposed_first,
    s.proposed_last = proposed_last, s.willing_first = willing_first, s.willing_last = willing_last,
    s.declined_first = declined_first, s.declined_last = declined_last
RETURN count(s) AS count
