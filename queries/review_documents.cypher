// What the review layer needs of some documents: the text (to tell whether a reviewed sentence is still in
// it), title, date, process, and the number of positions recorded at the last complete load.
// Returns: id, title, date, process, positions, text (one row per document found).
// params: $ids (list of document ids)
MATCH (d:Document)
WHERE d.id IN coalesce($ids, [])
RETURN d.id AS id, d.title AS title, d.date AS date, d.process AS process, d.positions AS positions,
       d.text AS text
ORDER BY id
