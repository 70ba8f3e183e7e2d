// Common ground between two actors from the sources their Stance aggregates keep (graph/kept.py): the terms
// both favour or both reject, with each side's count and its kept sources of that class (rendered evidence,
// newest first), in the order of common_ground.cypher. A row with a null list (a store written before they
// were kept) makes the API ask common_ground instead.
// Returns: term, label, stance ('favour' or 'reject'), kept_a, kept_b (lists of JSON texts), count_a, count_b.
// params: $a, $b (actor ids)
MATCH (x:Stance {actor: $a})
MATCH (y:Stance {actor: $b})
WHERE y.term = x.term
UNWIND [['favour', x.favour, y.favour, x.recent_favour, y.recent_favour],
        ['reject', x.rejects, y.rejects, x.recent_reject, y.recent_reject]] AS side
WITH x.term AS term, side[0] AS stance, side[1] AS count_a, side[2] AS count_b, side[3] AS kept_a,
     side[4] AS kept_b
WHERE count_a > 0 AND count_b > 0
MATCH (t:Term {id: term})
RETURN t.id AS term, t.label AS label, stance, kept_a, kept_b, count_a, count_b
ORDER BY term, stance
