// Every negotiating term with the number of position edges per relation (an `opposite` term id when the
// node carries one).
// Returns: id, label, category, definition, opposite, demands, offers, supports, rejects.
// params: (none)
MATCH (t:Term)
OPTIONAL MATCH (:Actor)-[e]->(t)
WITH t, collect(type(e)) AS types
RETURN t.id AS id, t.label AS label, t.category AS category, t.definition AS definition, t.opposite AS opposite,
       size([x IN types WHERE x = 'DEMANDS']) AS demands,
       size([x IN types WHERE x = 'OFFERS']) AS offers,
       size([x IN types WHERE x = 'SUPPORTS']) AS supports,
       size([x IN types WHERE x = 'REJECTS']) AS rejects
ORDER BY id
