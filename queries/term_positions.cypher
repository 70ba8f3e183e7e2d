// Who demands, offers, supports or rejects one term, grouped by actor: how many edges of each relation the
// actor has to it and its most recent sources (at most $per_group, newest first, any relation) with their
// evidence, the document's title, outlet and URL and the speaker's name.
// Returns: actor, actor_name, kind, demands, offers, supports, rejects, relation, doc, title, outlet, url, sentence, quote, speaker,
// speaker_name, date, confidence, rule, conditional_on (one row per source kept).
// params: $term (term id), $relations (list of relation types or null = all), $date_from, $date_to (partial ISO dates or null), $process (a process id or null: edges of that process's documents only), $per_group (int or null = 5)
MATCH (a:Actor)-[e]->(t:Term {id: $term})
WHERE ($relations IS NULL OR type(e) IN $relations)
  AND ($date_from IS NULL OR e.date >= $date_from)
  AND ($date_to IS NULL OR e.date <= $date_to OR e.date STARTS WITH $date_to)
  AND ($process IS NULL OR e.process = $process)
WITH a, e ORDER BY e.date DESC, e.doc, e.sentence, type(e)
WITH a, collect(type(e)) AS types, collect(e)[..coalesce($per_group, 5)] AS kept
UNWIND kept AS e
OPTIONAL MATCH (d:Document {id: e.doc})
OPTIONAL MATCH (s:Official {id: e.speaker})
RETURN a.id AS actor, a.name AS actor_name, a.kind AS kind,
       size([x IN types WHERE x = 'DEMANDS']) AS demands, size([x IN types WHERE x = 'OFFERS']) AS offers,
       size([x IN types WHERE x = 'SUPPORTS']) AS supports, size([x IN types WHERE x = 'REJECTS']) AS rejects,
       type(e) AS relation,
       e.doc AS doc, d.title AS title, d.outlet AS outlet, d.url AS url, e.sentence AS sentence, e.quote AS quote,
       e.speaker AS speaker, s.name AS speaker_name, coalesce(e.date, d.date) AS date, e.confidence AS confidence,
       e.rule AS rule, e.conditional_on AS conditional_on
ORDER BY actor, date DESC, doc, sentence, relation
