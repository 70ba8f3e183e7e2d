// What one document mentions: actors, officials (with whom they represent) and terms.
// Returns: type ('Actor', 'Official' or 'Term'), id, name, kind, role, represents.
// params: $id (document id)
MATCH (d:Document {id: $id})-[:MENTIONS]->(m)
RETURN CASE WHEN m:Actor THEN 'Actor' WHEN m:Official THEN 'Official' ELSE 'Term' END AS type, m.id AS id,
       coalesce(m.name, m.label) AS name, coalesce(m.kind, m.category) AS kind, m.role AS role,
       m.represents AS represents
ORDER BY type, id
