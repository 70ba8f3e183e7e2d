// How many position edges of each relation and how many guarantee edges the store holds, summed over the
// Stance and GuaranteeSummary aggregates (a few thousand nodes) instead of counted edge by edge: the `total`
// of an unfiltered /graph (app/graphdata.py).
// Returns: demands, offers, supports, rejects, guarantees (one row).
// params: (none)
OPTIONAL MATCH (s:Stance)
WITH sum(s.demands) AS demands, sum(s.offers) AS offers, sum(s.supports) AS supports, sum(s.rejects) AS rejects
OPTIONAL MATCH (g:GuaranteeSummary)
RETURN demands, offers, supports, rejects, sum(g.sources) AS guarantees
