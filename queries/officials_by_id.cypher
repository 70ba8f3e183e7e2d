// Names and roles of some officials, to show who said what next to the evidence.
// Returns: id, name, role, represents.
// params: $ids (list of official ids)
// scalar reply: strings, integers and nulls
MATCH (o:Official)
WHERE o.id IN $ids
RETURN o.id AS id, o.name AS name, o.role AS role, o.represents AS represents
