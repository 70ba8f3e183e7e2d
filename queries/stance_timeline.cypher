// An actor's position edges on one term (or all terms) in date order, for following how a stance changed;
// paged (the API shows 1,000 points at a time: an actor's all-terms timeline runs to thousands of quotes).
// Relation breaks the ties of one sentence, so that pages never overlap.
// Returns: term, label, relation, date, doc, sentence, quote, speaker, confidence.
// params: $actor (actor id), $term (term id or null = all terms), $process (a process id or null: edges of that process's documents only), $skip (int ≥ 0), $limit (int ≥ 1)
// scalar reply: strings, integers and nulls; floats: confidence
MATCH (a:Actor {id: $actor})-[e]->(t:Term)
WHERE ($term IS NULL OR t.id = $term)
  AND ($process IS NULL OR e.process = $process)
RETURN t.id AS term, t.label AS label, type(e) AS relation, e.date AS date, e.doc AS doc, e.sentence AS sentence,
       e.quote AS quote, e.speaker AS speaker, e.confidence AS confidence
ORDER BY term, date, doc, sentence, relation
SKIP $skip
LIMIT $limit
