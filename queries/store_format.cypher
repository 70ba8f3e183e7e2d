// The store's stored-format version (graph/format.py): the StoreFormat node's version (null when the store has
// none) and whether the store holds a document (one with documents and no version was written before versions
// were kept, and is migrated by `peacegraph db migrate`).
// Returns: version, documents (one row).
// params: (none)
OPTIONAL MATCH (f:StoreFormat {id: 'store'})
WITH f.version AS version
OPTIONAL MATCH (d:Document)
WITH version, d
LIMIT 1
RETURN version, d IS NOT NULL AS documents
