// conflict_cells.cypher within one peace process: the (actor, term) cells that can take part in a conflict,
// counted from the position edges of that process's documents instead of the Stance aggregates (which sum
// every process); with $term, the cells of that term and of the terms opposite to it.
// Returns: actor, term, opposite, favour, rejects.
// params: $process (a process id), $term (term id or null = all)
// scalar reply: strings, integers and nulls
MATCH (q:Term)
WHERE $term IS NULL OR q.id = $term OR q.opposite = $term
WITH collect(q.id) + [x IN collect(q.opposite) WHERE x IS NOT NULL] AS ids
MATCH (t:Term)
WHERE t.id IN ids
MATCH (a:Actor)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t)
WHERE e.process = $process
WITH a.id AS actor, t.id AS term, t.opposite AS opposite, type(e) = 'REJECTS' AS rejecting
RETURN actor, term, opposite, count(CASE WHEN NOT rejecting THEN 1 END) AS favour,
       count(CASE WHEN rejecting THEN 1 END) AS rejects
