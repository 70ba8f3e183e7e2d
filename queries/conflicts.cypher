// Conflicts between actors on a term: actor A favours it (DEMANDS, OFFERS or SUPPORTS) and actor B REJECTS
// it (kind 'rejects'); and A favours a term while B favours its opposite (kind 'opposite', each pair of
// opposites once, by the Term nodes' `opposite` property). Evidence lists hold at most $per_side edges, newest
// first (sorted before collect(), so both engines keep the same ones).
// Returns: kind, actor_a, actor_a_name, term_a, term_a_label, relations_a, actor_b, actor_b_name, term_b,
// term_b_label, relations_b, evidence_a, evidence_b (lists of {relation, doc, sentence, quote, speaker, date,
// confidence}).
// params: $term (term id or null = all; matches either side of an opposite pair), $per_side (int or null = 5)
MATCH (a:Actor)-[f]->(t:Term)<-[r:REJECTS]-(b:Actor)
WHERE type(f) IN ['DEMANDS', 'OFFERS', 'SUPPORTS'] AND a.id <> b.id AND ($term IS NULL OR t.id = $term)
WITH a, b, t, f, r
ORDER BY coalesce(f.date, '') DESC, f.doc, f.sentence, type(f), coalesce(r.date, '') DESC, r.doc, r.sentence
WITH a, b, t, collect(DISTINCT f) AS fs, collect(DISTINCT r) AS rs
RETURN 'rejects' AS kind, a.id AS actor_a, a.name AS actor_a_name, t.id AS term_a, t.label AS term_a_label,
       b.id AS actor_b, b.name AS actor_b_name, t.id AS term_b, t.label AS term_b_label,
       [x IN fs[..coalesce($per_side, 5)] | {relation: type(x), doc: x.doc, sentence: x.sentence, quote: x.quote,
        speaker: x.speaker, date: x.date, confidence: x.confidence}] AS evidence_a,
       [x IN rs[..coalesce($per_side, 5)] | {relation: type(x), doc: x.doc, sentence: x.sentence, quote: x.quote,
        speaker: x.speaker, date: x.date, confidence: x.confidence}] AS evidence_b,
       size(fs) AS count_a, size(rs) AS count_b
UNION ALL
MATCH (t:Term)
WHERE t.opposite IS NOT NULL AND t.id < t.opposite
MATCH (u:Term {id: t.opposite})
WHERE $term IS NULL OR t.id = $term OR u.id = $term
MATCH (a:Actor)-[f]->(t)
WHERE type(f) IN ['DEMANDS', 'OFFERS', 'SUPPORTS']
MATCH (b:Actor)-[g]->(u)
WHERE type(g) IN ['DEMANDS', 'OFFERS', 'SUPPORTS'] AND a.id <> b.id
WITH a, b, t, u, f, g
ORDER BY coalesce(f.date, '') DESC, f.doc, f.sentence, type(f), coalesce(g.date, '') DESC, g.doc, g.sentence, type(g)
WITH a, b, t, u, collect(DISTINCT f) AS fs, collect(DISTINCT g) AS gs
RETURN 'opposite' AS kind, a.id AS actor_a, a.name AS actor_a_name, t.id AS term_a, t.label AS term_a_label,
       b.id AS actor_b, b.name AS actor_b_name, u.id AS term_b, u.label AS term_b_label,
       [x IN fs[..coalesce($per_side, 5)] | {relation: type(x), doc: x.doc, sentence: x.sentence, quote: x.quote,
        speaker: x.speaker, date: x.date, confidence: x.confidence}] AS evidence_a,
       [x IN gs[..coalesce($per_side, 5)] | {relation: type(x), doc: x.doc, sentence: x.sentence, quote: x.quote,
        speaker: x.speaker, date: x.date, confidence: x.confidence}] AS evidence_b,
       size(fs) AS count_a, size(gs) AS count_b
