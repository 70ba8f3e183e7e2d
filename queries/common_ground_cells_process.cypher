// common_ground_cells.cypher within one peace process: the terms two actors both favour (DEMANDS, OFFERS or
// SUPPORTS) or both reject in that process's documents, with each one's number of such edges there, counted
// from the edges rather than from the Stance aggregates (which sum every process). The API fetches the
// evidence of the cells shown with cell_evidence (same process).
// Returns: term, label, stance ('favour' or 'reject'), count_a, count_b.
// params: $process (a process id), $a, $b (actor ids)
// scalar reply: strings, integers and nulls
MATCH (a:Actor {id: $a})-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t:Term)
WHERE e.process = $process
WITH t, CASE WHEN type(e) = 'REJECTS' THEN 'reject' ELSE 'favour' END AS stance, count(e) AS count_a
MATCH (b:Actor {id: $b})-[f:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t)
WHERE f.process = $process AND (type(f) = 'REJECTS') = (stance = 'reject')
WITH t, stance, count_a, count(f) AS count_b
RETURN t.id AS term, t.label AS label, stance, count_a, count_b
ORDER BY term, stance
