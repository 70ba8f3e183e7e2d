// Record the store's stored-format version (graph/format.py): written by the first load into an empty store
// and by `peacegraph db migrate`. A list of one row, as the other writes take theirs (none: nothing written).
// Returns: nothing.
// params: $rows (list of {version})
UNWIND $rows AS r
MERGE (f:StoreFormat {id: 'store'})
SET f.version = r.version
