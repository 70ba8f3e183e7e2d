// What one peace process holds (the index page's counts for it): its documents, and the actors, terms and
// position edges its documents gave.
// Returns: documents, actors, terms, positions.
// params: $process (a process id)
// scalar reply: strings, integers and nulls
OPTIONAL MATCH (d:Document)
WHERE d.process = $process
WITH count(d) AS documents
OPTIONAL MATCH (a:Actor)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t:Term)
WHERE e.process = $process
RETURN documents, count(DISTINCT a) AS actors, count(DISTINCT t) AS terms, count(e) AS positions
