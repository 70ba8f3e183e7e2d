// How many edges graph_edges_actors or graph_edges_terms would select under a filter of actors or terms and
// relations only, summed over the Stance and GuaranteeSummary aggregates of those actors or terms (a few
// hundred nodes) instead of counted edge by edge: the `total` of /graph?actor, ?term and the exports
// (app/graphdata.py). A position edge is counted by its (actor, term) cell; a guarantee by its (guarantor,
// beneficiary) pair, once though both ends are named, and not at all under a term filter (guarantees end at
// actors).
// Returns: total (one row; an integer, though FalkorDB sums integers as floats).
// params: $actors, $terms (lists of ids; at least one not null), $relations (list of relation types or null = all five)
// scalar reply: strings, integers and nulls
WITH coalesce($relations, ['DEMANDS', 'OFFERS', 'SUPPORTS', 'REJECTS', 'GUARANTEES']) AS wanted
OPTIONAL MATCH (s:Stance)
WHERE ($actors IS NULL OR s.actor IN $actors) AND ($terms IS NULL OR s.term IN $terms)
WITH wanted, sum(CASE WHEN 'DEMANDS' IN wanted THEN coalesce(s.demands, 0) ELSE 0 END
                 + CASE WHEN 'OFFERS' IN wanted THEN coalesce(s.offers, 0) ELSE 0 END
                 + CASE WHEN 'SUPPORTS' IN wanted THEN coalesce(s.supports, 0) ELSE 0 END
                 + CASE WHEN 'REJECTS' IN wanted THEN coalesce(s.rejects, 0) ELSE 0 END) AS positions
OPTIONAL MATCH (g:GuaranteeSummary)
WHERE $terms IS NULL AND 'GUARANTEES' IN wanted AND (g.guarantor IN $actors OR g.beneficiary IN $actors)
WITH positions, sum(coalesce(g.sources, 0)) AS guarantees
RETURN toInteger(positions + guarantees) AS total
