// Every actor with the officials who represent it.
// Returns: id, name, kind, aliases, officials (list of {id, name, role}).
// params: (none)
MATCH (a:Actor)
OPTIONAL MATCH (o:Official)-[r:REPRESENTS]->(a)
WITH a, collect(CASE WHEN o IS NULL THEN null ELSE {id: o.id, name: o.name, role: coalesce(r.role, o.role)} END) AS officials
RETURN a.id AS id, a.name AS name, a.kind AS kind, coalesce(a.aliases, []) AS aliases, officials
ORDER BY id
