// Every official and the actor they represent.
// Returns: id, name, role, represents, represents_name.
// params: (none)
MATCH (o:Official)
OPTIONAL MATCH (o)-[r:REPRESENTS]->(a:Actor)
RETURN o.id AS id, o.name AS name, coalesce(r.role, o.role) AS role, coalesce(a.id, o.represents) AS represents,
       a.name AS represents_name
ORDER BY represents, id
