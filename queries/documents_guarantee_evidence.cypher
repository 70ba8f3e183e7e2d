// The rendered guarantee rows of some documents, in sentence order (document_complete, graph/evidence.py),
// with the store's documents version read in the same query, so that the reader can tell that the order it
// took the documents from still holds (app/services/document_order.py).
// Returns: token (the documents version, text or null), id, evidence (list of JSON texts, or null for a
// document without its list or gone); one row per id asked for, none when none is.
// params: $ids (list of document ids)
OPTIONAL MATCH (v:DocumentsVersion {id: 'documents'})
WITH v.token AS token
UNWIND $ids AS id
OPTIONAL MATCH (d:Document {id: id})
RETURN token, id, d.guarantee_evidence AS evidence
