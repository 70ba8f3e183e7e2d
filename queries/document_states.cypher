// The stored state of some documents: their content hash and whether their last load completed.
// Returns: id, sha256, complete (one row per document that exists).
// params: $ids (list of document ids)
MATCH (d:Document)
WHERE d.id IN $ids
RETURN d.id AS id, d.sha256 AS sha256, d.complete AS complete
