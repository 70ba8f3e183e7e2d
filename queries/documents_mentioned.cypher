// What some documents mention, as prune_orphans candidate rows: read before their mentions are replaced or
// deleted, so that the nodes only they mentioned can be pruned afterwards.
// Returns: actor, official, term (one row per distinct node, the id under its label's name, the others null).
// params: $ids (list of document ids)
MATCH (d:Document)-[:MENTIONS]->(m)
WHERE d.id IN $ids
WITH DISTINCT m
RETURN CASE WHEN m:Actor THEN m.id END AS actor, CASE WHEN m:Official THEN m.id END AS official,
       CASE WHEN m:Term THEN m.id END AS term
