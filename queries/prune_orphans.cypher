// Delete the actors, officials and terms among some candidates (what a deleted document mentioned) that no
// document mentions any more and no review names (those are marked `reviewed`: upsert_reviewed_actors). Only
// the candidates are looked at, never the whole graph; the store runs it under its write lock, so a
// concurrent load cannot lose a node it has just created.
// Returns: count.
// params: $rows (list of {actor, official, term}, each naming one node, the others null)
UNWIND $rows AS r
OPTIONAL MATCH (a:Actor {id: r.actor})
OPTIONAL MATCH (o:Official {id: r.official})
OPTIONAL MATCH (t:Term {id: r.term})
WITH coalesce(a, o, t) AS n
WHERE n IS NOT NULL
MATCH (n)
WHERE NOT (:Document)-[:MENTIONS]->(n) AND NOT coalesce(n.reviewed, false)
DETACH DELETE n
RETURN count(*) AS count
