// One page of documents, newest first, with what each contributed: position and guarantee edges counted
// through the `doc` index of each edge type, and mentions, for the page's documents only.
// Returns: id, title, outlet, author, url, date, language, process, complete, positions, guarantees, mentions,
// source, content_type, date_origin.
// params: $date_from, $date_to (partial ISO dates or null), $process (a process id or null), $skip (int or null = 0), $limit (int or null = 100)
MATCH (d:Document)
WHERE ($date_from IS NULL OR d.date >= $date_from)
  AND ($date_to IS NULL OR d.date <= $date_to OR d.date STARTS WITH $date_to)
  AND ($process IS NULL OR d.process = $process)
WITH d ORDER BY d.date DESC, d.id
WITH collect(d) AS found
UNWIND found[coalesce($skip, 0)..coalesce($skip, 0) + coalesce($limit, 100)] AS d
OPTIONAL MATCH ()-[e1:DEMANDS {doc: d.id}]->()
WITH d, count(e1) AS demands
OPTIONAL MATCH ()-[e2:OFFERS {doc: d.id}]->()
WITH d, demands, count(e2) AS offers
OPTIONAL MATCH ()-[e3:SUPPORTS {doc: d.id}]->()
WITH d, demands, offers, count(e3) AS supports
OPTIONAL MATCH ()-[e4:REJECTS {doc: d.id}]->()
WITH d, demands, offers, supports, count(e4) AS rejects
OPTIONAL MATCH ()-[e5:GUARANTEES {doc: d.id}]->()
WITH d, demands, offers, supports, rejects, count(e5) AS guarantees
OPTIONAL MATCH (d)-[m:MENTIONS]->()
WITH d, demands, offers, supports, rejects, guarantees, count(m) AS mentions
RETURN d.id AS id, d.title AS title, d.outlet AS outlet, d.author AS author, d.url AS url, d.date AS date,
       d.language AS language, d.process AS process, d.complete AS complete,
       demands + offers + supports + rejects AS positions, guarantees, mentions, d.source AS source,
       d.content_type AS content_type, d.date_origin AS date_origin
ORDER BY date DESC, id
