// Conflicts between actors on a term, read from the Stance aggregates: actor A favours it (DEMANDS, OFFERS or
// SUPPORTS) and actor B REJECTS it (kind 'rejects'); and A favours a term while B favours its opposite (kind
// 'opposite', each pair of opposites once, by the Term nodes' `opposite` property). Evidence lists hold at
// most $per_side edges, newest first (sorted before collect(): a pattern comprehension's order is the
// engine's own, so FalkorDB and Neo4j kept different edges). Every pair at once: the API pages them instead
// (conflict_cells, cell_evidence).
// Returns: kind, actor_a, actor_a_name, term_a, term_a_label, actor_b, actor_b_name, term_b,
// term_b_label, count_a, count_b, evidence_a, evidence_b (lists of {relation, doc, sentence, quote, speaker,
// date, confidence}).
// params: $term (term id or null = all; matches either side of an opposite pair), $per_side (int or null = 5)
MATCH (f:Stance)
WHERE f.favour > 0 AND ($term IS NULL OR f.term = $term)
MATCH (r:Stance {term: f.term})
WHERE r.rejects > 0 AND r.actor <> f.actor
MATCH (a:Actor {id: f.actor})
MATCH (b:Actor {id: r.actor})
MATCH (t:Term {id: f.term})
OPTIONAL MATCH (a)-[x]->(t)
WHERE type(x) IN ['DEMANDS', 'OFFERS', 'SUPPORTS']
WITH f, r, a, b, t, x ORDER BY coalesce(x.date, '') DESC, x.doc, x.sentence, type(x)
WITH f, r, a, b, t, collect(x)[..coalesce($per_side, 5)] AS xs
OPTIONAL MATCH (b)-[y:REJECTS]->(t)
WITH f, r, a, b, t, xs, y ORDER BY coalesce(y.date, '') DESC, y.doc, y.sentence
WITH f, r, a, b, t, xs, collect(y)[..coalesce($per_side, 5)] AS ys
RETURN 'rejects' AS kind, a.id AS actor_a, a.name AS actor_a_name, t.id AS term_a, t.label AS term_a_label,
       b.id AS actor_b, b.name AS actor_b_name, t.id AS term_b, t.label AS term_b_label,
       f.favour AS count_a, r.rejects AS count_b,
       [x IN xs | {relation: type(x), doc: x.doc, sentence: x.sentence, quote: x.quote, speaker: x.speaker,
        date: x.date, confidence: x.confidence}] AS evidence_a,
       [y IN ys | {relation: type(y), doc: y.doc, sentence: y.sentence, quote: y.quote, speaker: y.speaker,
        date: y.date, confidence: y.confidence}] AS evidence_b
UNION ALL
MATCH (t:Term)
WHERE t.opposite IS NOT NULL AND t.id < t.opposite
MATCH (u:Term {id: t.opposite})
WHERE $term IS NULL OR t.id = $term OR u.id = $term
MATCH (f:Stance {term: t.id})
WHERE f.favour > 0
MATCH (g:Stance {term: u.id})
WHERE g.favour > 0 AND g.actor <> f.actor
MATCH (a:Actor {id: f.actor})
MATCH (b:Actor {id: g.actor})
OPTIONAL MATCH (a)-[x]->(t)
WHERE type(x) IN ['DEMANDS', 'OFFERS', 'SUPPORTS']
WITH f, g, a, b, t, u, x ORDER BY coalesce(x.date, '') DESC, x.doc, x.sentence, type(x)
WITH f, g, a, b, t, u, collect(x)[..coalesce($per_side, 5)] AS xs
OPTIONAL MATCH (b)-[y]->(u)
WHERE type(y) IN ['DEMANDS', 'OFFERS', 'SUPPORTS']
WITH f, g, a, b, t, u, xs, y ORDER BY coalesce(y.date, '') DESC, y.doc, y.sentence, type(y)
WITH f, g, a, b, t, u, xs, collect(y)[..coalesce($per_side, 5)] AS ys
RETURN 'opposite' AS kind, a.id AS actor_a, a.name AS actor_a_name, t.id AS term_a, t.label AS term_a_label,
       b.id AS actor_b, b.name AS actor_b_name, u.id AS term_b, u.label AS term_b_label,
       f.favour AS count_a, g.favour AS count_b,
       [x IN xs | {relation: type(x), doc: x.doc, sentence: x.sentence, quote: x.quote, speaker: x.speaker,
        date: x.date, confidence: x.confidence}] AS evidence_a,
       [y IN ys | {relation: type(y), doc: y.doc, sentence: y.sentence, quote: y.quote, speaker: y.speaker,
        date: y.date, confidence: y.confidence}] AS evidence_b
