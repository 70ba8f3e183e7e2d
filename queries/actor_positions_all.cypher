// One actor's positions grouped by term: how many edges of each relation the actor has to it (from the
// actor's Stance aggregates, one per term, kept by the store in the same write as the edges), and its most
// recent sources (at most $per_term of them, newest first, any relation) with their evidence, the
// document's title, outlet and URL and the speaker's name (looked up for the kept sources only). Each term's
// sources are picked by a subquery that keeps only the newest $per_term while it reads the term's edges,
// instead of sorting every edge of the actor at once (8 ms instead of 13 for 3,300 edges on FalkorDB).
// Without a relation or date filter (actor_positions takes them and counts the filtered edges). Neo4j runs
// actor_positions_all.neo4j.cypher, the same query with Neo4j 5's `CALL (a, t) { … }` (FalkorDB 4 parses only
// `CALL { WITH a, t … }`, which Neo4j deprecates).
// Returns: term, label, category, demands, offers, supports, rejects, relation, doc, title, outlet, url, sentence, quote, speaker,
// speaker_name, date, confidence, rule, conditional_on (one row per source kept).
// params: $actor (actor id), $per_term (int ≥ 1)
MATCH (a:Actor {id: $actor})
MATCH (s:Stance {actor: $actor})
MATCH (t:Term {id: s.term})
CALL {
  WITH a, t
  MATCH (a)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t)
  WITH e ORDER BY e.date DESC, e.doc, e.sentence, type(e)
  LIMIT $per_term
  RETURN collect(e) AS kept
}
WITH a, s, t, kept
WHERE size(kept) > 0
UNWIND kept AS e
OPTIONAL MATCH (d:Document {id: e.doc})
OPTIONAL MATCH (o:Official {id: e.speaker})
RETURN t.id AS term, t.label AS label, t.category AS category, s.demands AS demands, s.offers AS offers,
       s.supports AS supports, s.rejects AS rejects, type(e) AS relation,
       e.doc AS doc, d.title AS title, d.outlet AS outlet, d.url AS url, e.sentence AS sentence, e.quote AS quote,
       e.speaker AS speaker, o.name AS speaker_name, coalesce(e.date, d.date) AS date, e.confidence AS confidence,
       e.rule AS rule, e.conditional_on AS conditional_on
ORDER BY term, date DESC, doc, sentence, relation
