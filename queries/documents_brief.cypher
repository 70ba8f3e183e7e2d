// Documents for a picker (the filter form): id, title and date only, newest first, at most $limit. Cheap on
// any corpus size, unlike documents_list, which counts each document's edges.
// Returns: id, title, date.
// params: $limit (int ≥ 1; the pages ask for 500)
MATCH (d:Document)
WITH d ORDER BY d.date DESC, d.id
LIMIT $limit
RETURN d.id AS id, d.title AS title, d.date AS date
