// Number of edges by relationship type.
// Returns: type, count.
// params: (none)
MATCH ()-[e]->()
RETURN type(e) AS type, count(*) AS count
ORDER BY type
