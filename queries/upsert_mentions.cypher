// Merge (:Document)-[:MENTIONS]->(:Actor|:Official|:Term). Each row names one target in exactly one of
// `actor`, `official`, `term` (the others null), so every lookup stays on an indexed label.
// Returns: count.
// params: $rows (list of {doc, actor, official, term})
UNWIND $rows AS r
MATCH (d:Document {id: r.doc})
OPTIONAL MATCH (a:Actor {id: r.actor})
OPTIONAL MATCH (o:Official {id: r.official})
OPTIONAL MATCH (t:Term {id: r.term})
WITH d, coalesce(a, o, t) AS target
WHERE target IS NOT NULL
MERGE (d)-[:MENTIONS]->(target)
RETURN count(target) AS count
