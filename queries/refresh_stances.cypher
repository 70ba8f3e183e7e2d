// Recompute the Stance aggregate of some (actor, term) cells from their evidence edges: one
// (:Stance {actor, term}) node per cell (not linked by edges, so that every Actor-to-Term edge stays evidence)
// with sources (edges) per relation, distinct documents, first and
// last date, per relation and for the cell. Run by the store in the same locked write as the evidence edges it
// summarises, for every cell a load or delete touched; cells left without evidence go in prune_stances.
// Analysis reads these few thousand nodes instead of every evidence edge.
// Returns: count (cells written).
// params: $cells (list of {source: actor id, target: term id})
UNWIND $cells AS c
MATCH (a:Actor {id: c.source})
MATCH (t:Term {id: c.target})
MATCH (a)-[e]->(t)
WHERE type(e) IN ['DEMANDS', 'OFFERS', 'SUPPORTS', 'REJECTS']
WITH a, t, count(e) AS sources, count(DISTINCT e.doc) AS documents, min(e.date) AS first, max(e.date) AS last,
     count(CASE WHEN type(e) = 'DEMANDS' THEN 1 END) AS demands,
     count(CASE WHEN type(e) = 'OFFERS' THEN 1 END) AS offers,
     count(CASE WHEN type(e) = 'SUPPORTS' THEN 1 END) AS supports,
     count(CASE WHEN type(e) = 'REJECTS' THEN 1 END) AS rejects,
     count(DISTINCT CASE WHEN type(e) = 'DEMANDS' THEN e.doc END) AS demands_documents,
     count(DISTINCT CASE WHEN type(e) = 'OFFERS' THEN e.doc END) AS offers_documents,
     count(DISTINCT CASE WHEN type(e) = 'SUPPORTS' THEN e.doc END) AS supports_documents,
     count(DISTINCT CASE WHEN type(e) = 'REJECTS' THEN e.doc END) AS rejects_documents,
     min(CASE WHEN type(e) = 'DEMANDS' THEN e.date END) AS demands_first,
     max(CASE WHEN type(e) = 'DEMANDS' THEN e.date END) AS demands_last,
     min(CASE WHEN type(e) = 'OFFERS' THEN e.date END) AS offers_first,
     max(CASE WHEN type(e) = 'OFFERS' THEN e.date END) AS offers_last,
     min(CASE WHEN type(e) = 'SUPPORTS' THEN e.date END) AS supports_first,
     max(CASE WHEN type(e) = 'SUPPORTS' THEN e.date END) AS supports_last,
     min(CASE WHEN type(e) = 'REJECTS' THEN e.date END) AS rejects_first,
     max(CASE WHEN type(e) = 'REJECTS' THEN e.date END) AS rejects_last
MERGE (s:Stance {actor: a.id, term: t.id})
SET s.sources = sources, s.documents = documents, s.first = first, s.last = last,
    s.favour = demands + offers + supports, s.demands = demands, s.offers = offers, s.supports = supports,
    s.rejects = rejects, s.demands_documents = demands_documents, s.offers_documents = offers_documents,
    s.supports_documents = supports_documents, s.rejects_documents = rejects_documents,
    s.demands_first = demands_first, s.demands_last = demands_last, s.offers_first = offers_first,
    s.offers_last = offers_last, s.supports_first = supports_first, s.supports_last = supports_last,
    s.rejects_first = rejects_first, s.rejects_last = rejects_last
RETURN count(s) AS count
