// Who demands, offers, supports or rejects one term, grouped by actor, without a relation or date filter
// (term_positions takes them and counts the filtered edges): each actor's edges per relation from its Stance
// aggregate, and its most recent sources (at most $per_actor, newest first, any relation) with their
// evidence, the document's title, outlet and URL and the speaker's name. Each actor's sources are picked by a
// subquery that keeps only the newest while it reads that actor's edges, instead of sorting every edge of
// the term at once. Neo4j runs term_positions_all.neo4j.cypher, the same query with Neo4j 5's
// `CALL (a, t) { … }` (FalkorDB 4 parses only `CALL { WITH a, t … }`, which Neo4j deprecates).
// Returns: actor, actor_name, kind, demands, offers, supports, rejects, relation, doc, title, outlet, url, sentence, quote, speaker,
// speaker_name, date, confidence, rule, conditional_on (one row per source kept).
// params: $term (term id), $per_actor (int ≥ 1)
MATCH (t:Term {id: $term})
MATCH (s:Stance {term: $term})
MATCH (a:Actor {id: s.actor})
CALL {
  WITH a, t
  MATCH (a)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t)
  WITH e ORDER BY e.date DESC, e.doc, e.sentence, type(e)
  LIMIT $per_actor
  RETURN collect(e) AS kept
}
WITH a, s, t, kept
WHERE size(kept) > 0
UNWIND kept AS e
OPTIONAL MATCH (d:Document {id: e.doc})
OPTIONAL MATCH (o:Official {id: e.speaker})
RETURN a.id AS actor, a.name AS actor_name, a.kind AS kind, s.demands AS demands, s.offers AS offers,
       s.supports AS supports, s.rejects AS rejects, type(e) AS relation,
       e.doc AS doc, d.title AS title, d.outlet AS outlet, d.url AS url, e.sentence AS sentence, e.quote AS quote,
       e.speaker AS speaker, o.name AS speaker_name, coalesce(e.date, d.date) AS date, e.confidence AS confidence,
       e.rule AS rule, e.conditional_on AS conditional_on
ORDER BY actor, date DESC, doc, sentence, relation
