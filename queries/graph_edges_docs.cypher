// The unfiltered /graph (or one filtered by relation only), from the newest documents: the edges of the given
// documents (found through the `doc` index of each edge type), the first $limit of them in document order
// (date newest first, document id, sentence), returned in the order of graph_edges. app/graphdata.py picks
// the documents (documents_recent) so that they hold at least $limit edges, and takes `total` from the
// aggregates (edge_totals): sorting every edge of the store cost about a second at 200,000 positions.
// Returns: total (null here), source, source_label, source_kind, target, target_type ('Actor' or 'Term'),
// target_label, target_kind, target_category, relation, doc, sentence, quote, speaker, date, confidence,
// status, scope, proposed_by, rule.
// params: $docs (list of document ids, newest first), $relations (list of relation types or null = all five), $limit (int ≥ 1)
// scalar reply: strings, integers and nulls; floats: confidence
UNWIND $docs AS id
OPTIONAL MATCH ()-[e1:DEMANDS {doc: id}]->()
WITH id, collect(e1) AS c1
OPTIONAL MATCH ()-[e2:OFFERS {doc: id}]->()
WITH id, c1, collect(e2) AS c2
OPTIONAL MATCH ()-[e3:SUPPORTS {doc: id}]->()
WITH id, c1, c2, collect(e3) AS c3
OPTIONAL MATCH ()-[e4:REJECTS {doc: id}]->()
WITH id, c1, c2, c3, collect(e4) AS c4
OPTIONAL MATCH ()-[e5:GUARANTEES {doc: id}]->()
WITH c1, c2, c3, c4, collect(e5) AS c5
UNWIND c1 + c2 + c3 + c4 + c5 AS e
WITH e, startNode(e) AS a, endNode(e) AS x
WHERE type(e) IN coalesce($relations, ['DEMANDS', 'OFFERS', 'SUPPORTS', 'REJECTS', 'GUARANTEES'])
WITH e, a, x ORDER BY e.date DESC, e.doc, e.sentence, type(e), a.id, x.id
LIMIT $limit
RETURN null AS total, a.id AS source, a.name AS source_label, a.kind AS source_kind, x.id AS target,
       CASE WHEN x:Term THEN 'Term' ELSE 'Actor' END AS target_type, coalesce(x.label, x.name) AS target_label,
       x.kind AS target_kind, x.category AS target_category, type(e) AS relation, e.doc AS doc,
       e.sentence AS sentence, e.quote AS quote, e.speaker AS speaker, e.date AS date, e.confidence AS confidence,
       e.status AS status, e.scope AS scope, e.proposed_by AS proposed_by, e.rule AS rule
ORDER BY date DESC, source, target, doc, sentence
