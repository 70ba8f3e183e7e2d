// The store's documents version: a token that every write of documents sets in the same query
// (document_begin, document_complete, document_delete), so that what a reader computed from the documents
// under one token holds while the token is the same (app/services/document_order.py). Null until a write of
// documents sets it: a version all the same, since the next write changes it.
// Returns: token (text or null; one row).
// scalar reply: strings, integers and nulls
// params: (none)
OPTIONAL MATCH (v:DocumentsVersion {id: 'documents'})
RETURN v.token AS token
