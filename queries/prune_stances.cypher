// Delete the Stance aggregates of cells that no position edge supports any more (after refresh_stances),
// including cells whose actor or term is gone.
// Returns: count.
// params: $cells (list of {source: actor id, target: term id})
UNWIND $cells AS c
MATCH (s:Stance {actor: c.source, term: c.target})
OPTIONAL MATCH (a:Actor {id: c.source})
OPTIONAL MATCH (t:Term {id: c.target})
WITH s, CASE WHEN a IS NULL OR t IS NULL THEN 0
             ELSE size([(a)-[:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t) | 1]) END AS evidence
WHERE evidence = 0
DELETE s
RETURN count(s) AS count
