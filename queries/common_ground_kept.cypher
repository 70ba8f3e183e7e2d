// Common ground between two actors from their Stance aggregates and the sources they keep (graph/kept.py):
// the terms both favour (DEMANDS, OFFERS or SUPPORTS) or both reject, with each side's count, in the order of
// common_ground.cypher; each row carries both cells' kept lists and keys, of which the API takes the newest
// of the stance's relations. A row with a null list (a cell a running load has not given its lists yet) makes the
// API ask common_ground instead.
// Returns: term, label, stance ('favour' or 'reject'), count_a, count_b, and per side x (a, b) and relation r
// (demands, offers, supports, rejects): x_recent_r, x_r_keys.
// params: $a, $b (actor ids)
MATCH (x:Stance {actor: $a})
MATCH (y:Stance {actor: $b})
WHERE y.term = x.term
UNWIND [['favour', x.favour, y.favour], ['reject', x.rejects, y.rejects]] AS side
WITH x, y, side[0] AS stance, side[1] AS count_a, side[2] AS count_b
WHERE count_a > 0 AND count_b > 0
MATCH (t:Term {id: x.term})
RETURN t.id AS term, t.label AS label, stance, count_a, count_b,
       x.recent_demands AS a_recent_demands, x.demands_keys AS a_demands_keys,
       x.recent_offers AS a_recent_offers, x.offers_keys AS a_offers_keys,
       x.recent_supports AS a_recent_supports, x.supports_keys AS a_supports_keys,
       x.recent_rejects AS a_recent_rejects, x.rejects_keys AS a_rejects_keys,
       y.recent_demands AS b_recent_demands, y.demands_keys AS b_demands_keys,
       y.recent_offers AS b_recent_offers, y.offers_keys AS b_offers_keys,
       y.recent_supports AS b_recent_supports, y.supports_keys AS b_supports_keys,
       y.recent_rejects AS b_recent_rejects, y.rejects_keys AS b_rejects_keys
ORDER BY term, stance
