// Title, outlet, date and URL of some documents, to show next to the evidence that cites them.
// Returns: id, title, outlet, date, url.
// params: $ids (list of document ids)
// scalar reply: strings, integers and nulls
MATCH (d:Document)
WHERE d.id IN $ids
RETURN d.id AS id, d.title AS title, d.outlet AS outlet, d.date AS date, d.url AS url
