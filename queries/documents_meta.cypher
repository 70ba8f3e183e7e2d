// Title, outlet, date and URL of some documents, to show next to the evidence that cites them, and where each
// came from (source, content type, origins of its metadata and its date), for the exports.
// Returns: id, title, outlet, date, url, source, content_type, meta_origin, date_origin.
// params: $ids (list of document ids)
// scalar reply: strings, integers and nulls
MATCH (d:Document)
WHERE d.id IN $ids
RETURN d.id AS id, d.title AS title, d.outlet AS outlet, d.date AS date, d.url AS url, d.source AS source,
       d.content_type AS content_type, d.meta_origin AS meta_origin, d.date_origin AS date_origin
