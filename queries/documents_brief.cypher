// Documents for a picker (the filter form): id, title and date only, newest first, at most $limit. Cheap on
// any corpus size, unlike documents_list, which counts each document's edges.
// Returns: id, title, date.
// params: $limit (int or null = 500)
MATCH (d:Document)
WITH d.id AS id, d.title AS title, d.date AS date ORDER BY date DESC, id
WITH collect({id: id, title: title, date: date}) AS found
UNWIND found[..coalesce($limit, 500)] AS doc
RETURN doc.id AS id, doc.title AS title, doc.date AS date
