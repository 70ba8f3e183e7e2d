// One page of documents, newest first, with what each contributed: position and guarantee edges (found
// through the actors the document mentions, as document_clear does) and mentions.
// Returns: id, title, outlet, author, url, date, language, complete, positions, guarantees, mentions.
// params: $date_from, $date_to (partial ISO dates or null), $skip (int or null = 0), $limit (int or null = 100)
MATCH (d:Document)
WHERE ($date_from IS NULL OR d.date >= $date_from)
  AND ($date_to IS NULL OR d.date <= $date_to OR d.date STARTS WITH $date_to)
WITH d ORDER BY d.date DESC, d.id
WITH collect(d) AS found
UNWIND found[coalesce($skip, 0)..coalesce($skip, 0) + coalesce($limit, 100)] AS d
OPTIONAL MATCH (d)-[:MENTIONS]->(:Actor)-[e]->()
WHERE e.doc = d.id
WITH d, collect(type(e)) AS types
RETURN d.id AS id, d.title AS title, d.outlet AS outlet, d.author AS author, d.url AS url, d.date AS date,
       d.language AS language, d.complete AS complete,
       size([x IN types WHERE x <> 'GUARANTEES']) AS positions,
       size([x IN types WHERE x = 'GUARANTEES']) AS guarantees,
       size([(d)-[:MENTIONS]->(m) | m]) AS mentions
ORDER BY date DESC, id
