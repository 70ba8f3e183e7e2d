// The stance matrix, one row per (actor, term) cell that has at least one position edge: edges per relation
// and the number of distinct source documents.
// Returns: actor, actor_name, term, term_label, demands, offers, supports, rejects, total, documents.
// params: $actors (list of actor ids or null = all), $terms (list of term ids or null = all)
MATCH (a:Actor)-[e]->(t:Term)
WHERE ($actors IS NULL OR a.id IN $actors) AND ($terms IS NULL OR t.id IN $terms)
WITH a, t, collect(type(e)) AS types, count(DISTINCT e.doc) AS documents
RETURN a.id AS actor, a.name AS actor_name, t.id AS term, t.label AS term_label,
       size([x IN types WHERE x = 'DEMANDS']) AS demands,
       size([x IN types WHERE x = 'OFFERS']) AS offers,
       size([x IN types WHERE x = 'SUPPORTS']) AS supports,
       size([x IN types WHERE x = 'REJECTS']) AS rejects,
       size(types) AS total, documents
ORDER BY actor, term
