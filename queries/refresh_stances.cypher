// Recompute the Stance aggregate of some (actor, term) cells from their evidence edges: one (:Stance {actor,
// term}) node per cell (not linked by edges, so that every Actor-to-Term edge stays evidence) with sources
// (edges) per relation and in all, `favour` (DEMANDS + OFFERS + SUPPORTS), distinct documents, first and last
// date, overall and per relation. The store keeps cells up to date incrementally (apply_stance_deltas) and
// recomputes here only the cells whose first or last date a removal may have changed; cells left without
// evidence go in prune_stances. Both ends are bound before the edges between them are matched (WITH), so the
// engine reads only those edges (expand-into), not every edge of the actor.
// Returns: count (cells written).
// params: $cells (list of {source: actor id, target: term id})
UNWIND $cells AS c
MATCH (a:Actor {id: c.source})
MATCH (t:Term {id: c.target})
WITH a, t
MATCH (a)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t)
WITH a, t, count(e) AS sources, count(DISTINCT e.doc) AS documents, min(e.date) AS first, max(e.date) AS last,
     count(CASE WHEN type(e) = 'DEMANDS' THEN 1 END) AS demands,
     count(CASE WHEN type(e) = 'OFFERS' THEN 1 END) AS offers,
     count(CASE WHEN type(e) = 'SUPPORTS' THEN 1 END) AS supports,
     count(CASE WHEN type(e) = 'REJECTS' THEN 1 END) AS rejects,
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
    s.rejects = rejects, s.demands_first = demands_first, s.demands_last = demands_last,
    s.offers_first = offers_first, s.offers_last = offers_last, s.supports_first = supports_first,
    s.supports_last = supports_last, s.rejects_first = rejects_first, s.rejects_last = rejects_last
RETURN count(s) AS count
