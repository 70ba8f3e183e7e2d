// terms.cypher within one peace process: every negotiating term with the number of position edges per
// relation that the process's documents gave it (zero for the terms they do not name), counted from the
// edges rather than from the Stance aggregates (which sum every process).
// Returns: id, label, category, definition, opposite, demands, offers, supports, rejects.
// params: $process (a process id)
MATCH (t:Term)
OPTIONAL MATCH (:Actor)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t)
WHERE e.process = $process
WITH t, collect(type(e)) AS types
RETURN t.id AS id, t.label AS label, t.category AS category, t.definition AS definition, t.opposite AS opposite,
       size([x IN types WHERE x = 'DEMANDS']) AS demands, size([x IN types WHERE x = 'OFFERS']) AS offers,
       size([x IN types WHERE x = 'SUPPORTS']) AS supports, size([x IN types WHERE x = 'REJECTS']) AS rejects
ORDER BY id
