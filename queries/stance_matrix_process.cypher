// stance_matrix.cypher within one peace process: the same rows, counted from the position edges of that
// process's documents (each edge records its document's process) rather than from the Stance aggregates,
// which sum every process.
// Returns: actor, actor_name, term, term_label, demands, offers, supports, rejects, total, documents.
// params: $process (a process id), $actors (list of actor ids or null = all), $terms (list of term ids or null = all)
// scalar reply: strings, integers and nulls
MATCH (a:Actor)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t:Term)
WHERE e.process = $process
  AND ($actors IS NULL OR a.id IN $actors)
  AND ($terms IS NULL OR t.id IN $terms)
WITH a, t, type(e) AS relation, e.doc AS doc
RETURN a.id AS actor, a.name AS actor_name, t.id AS term, t.label AS term_label,
       count(CASE WHEN relation = 'DEMANDS' THEN 1 END) AS demands,
       count(CASE WHEN relation = 'OFFERS' THEN 1 END) AS offers,
       count(CASE WHEN relation = 'SUPPORTS' THEN 1 END) AS supports,
       count(CASE WHEN relation = 'REJECTS' THEN 1 END) AS rejects,
       count(*) AS total, count(DISTINCT doc) AS documents
ORDER BY actor, term
