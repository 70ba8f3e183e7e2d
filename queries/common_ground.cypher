// Common ground between two actors: terms both favour (DEMANDS, OFFERS or SUPPORTS) or both REJECT, with
// at most $per_side evidence edges for each actor, newest first (sorted before collect(), so both engines keep
// the same ones).
// Returns: term, label, stance ('favour' or 'reject'), evidence_a, evidence_b (lists of {relation, doc,
// sentence, quote, speaker, date, confidence}), count_a, count_b.
// params: $a, $b (actor ids), $per_side (int or null = 5)
MATCH (a:Actor {id: $a})-[x]->(t:Term)<-[y]-(b:Actor {id: $b})
WITH t, x, y,
     CASE WHEN type(x) = 'REJECTS' THEN 'reject' ELSE 'favour' END AS stance_a,
     CASE WHEN type(y) = 'REJECTS' THEN 'reject' ELSE 'favour' END AS stance_b
WHERE stance_a = stance_b
WITH t, stance_a AS stance, x, y
ORDER BY coalesce(x.date, '') DESC, x.doc, x.sentence, type(x), coalesce(y.date, '') DESC, y.doc, y.sentence, type(y)
WITH t, stance, collect(DISTINCT x) AS xs, collect(DISTINCT y) AS ys
RETURN t.id AS term, t.label AS label, stance,
       [e IN xs[..coalesce($per_side, 5)] | {relation: type(e), doc: e.doc, sentence: e.sentence, quote: e.quote,
        speaker: e.speaker, date: e.date, confidence: e.confidence}] AS evidence_a,
       [e IN ys[..coalesce($per_side, 5)] | {relation: type(e), doc: e.doc, sentence: e.sentence, quote: e.quote,
        speaker: e.speaker, date: e.date, confidence: e.confidence}] AS evidence_b,
       size(xs) AS count_a, size(ys) AS count_b
ORDER BY term, stance
