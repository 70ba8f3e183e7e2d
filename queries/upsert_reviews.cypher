// Store review records (graph/review.py): one Review node a row, its properties set as given, linked to the
// document it reviews. Reviews are never updated or deleted here: each decision is a node of its own, so two
// reviewers never overwrite each other, the latest decides and the history keeps every one. Reviews are not
// touched by loading a document again (document_clear removes edges, document_begin merges the Document), so
// they outlive `load --force` and a changed extraction.
// Returns: count (reviews stored; a row whose document does not exist is not stored).
// params: $rows (list of review property maps, each with `id` and `doc`)
UNWIND $rows AS r
MATCH (d:Document {id: r.doc})
CREATE (v:Review)
SET v = r
CREATE (v)-[:REVIEWS]->(d)
RETURN count(v) AS count
