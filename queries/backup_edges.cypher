// Every edge of the store with its type, properties and the label and id of both ends (every node an edge
// touches has an `id`), for `peacegraph db backup` (graph/backup.py).
// Returns: type, a_label, a, b_label, b, props (one row per edge).
// params: (none)
MATCH (a)-[e]->(b)
RETURN type(e) AS type, labels(a)[0] AS a_label, a.id AS a, labels(b)[0] AS b_label, b.id AS b,
       properties(e) AS props
