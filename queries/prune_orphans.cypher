// Delete actors, officials and terms that no document mentions any more (after a document delete).
// Returns: count.
// params: (none)
MATCH (n)
WHERE (n:Actor OR n:Official OR n:Term) AND NOT ()-[:MENTIONS]->(n)
DETACH DELETE n
RETURN count(*) AS count
