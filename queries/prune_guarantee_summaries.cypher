// Delete the GuaranteeSummary aggregates of pairs that no GUARANTEES edge supports any more, including pairs
// whose actors are gone.
// Returns: count.
// params: $cells (list of {source: guarantor id, target: beneficiary id})
UNWIND $cells AS c
MATCH (s:GuaranteeSummary {guarantor: c.source, beneficiary: c.target})
OPTIONAL MATCH (g:Actor {id: c.source})
OPTIONAL MATCH (b:Actor {id: c.target})
WITH s, CASE WHEN g IS NULL OR b IS NULL THEN 0 ELSE size([(g)-[:GUARANTEES]->(b) | 1]) END AS evidence
WHERE evidence = 0
DELETE s
RETURN count(s) AS count
