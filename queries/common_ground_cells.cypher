// Common ground between two actors from their Stance aggregates, counts only: the terms both favour (DEMANDS,
// OFFERS or SUPPORTS) or both reject, in the order of common_ground.cypher. The compare page shows these cards
// closed and loads each one's sources when it is opened, so it reads no kept list and no edge.
// Returns: term, label, stance ('favour' or 'reject'), count_a, count_b.
// params: $a, $b (actor ids)
// scalar reply: strings, integers and nulls
MATCH (x:Stance {actor: $a})
MATCH (y:Stance {actor: $b})
WHERE y.term = x.term
UNWIND [['favour', x.favour, y.favour], ['reject', x.rejects, y.rejects]] AS side
WITH x, side[0] AS stance, side[1] AS count_a, side[2] AS count_b
WHERE count_a > 0 AND count_b > 0
MATCH (t:Term {id: x.term})
RETURN t.id AS term, t.label AS label, stance, count_a, count_b
ORDER BY term, stance
