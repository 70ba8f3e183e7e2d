// One document's stored properties (including its text).
// Returns: id, title, outlet, author, url, date, language, process, sha256, complete, text, source, content_type,
// meta_origin, date_origin (at most one row).
// params: $id (document id)
MATCH (d:Document {id: $id})
RETURN d.id AS id, d.title AS title, d.outlet AS outlet, d.author AS author, d.url AS url, d.date AS date,
       d.language AS language, d.process AS process, d.sha256 AS sha256, d.complete AS complete, d.text AS text,
       d.source AS source, d.content_type AS content_type, d.meta_origin AS meta_origin,
       d.date_origin AS date_origin
