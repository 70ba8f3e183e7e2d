// Actors the codebook does not know, as found in the stored documents when they were loaded (each Document
// keeps three lists of one length: unknown_names, unknown_kinds, unknown_counts), summed over documents, most
// named first; only the documents of one process when $process is given.
// Returns: name, kind, mentions, documents, processes (the process ids of the documents that name it).
// params: $process (a process id or null), $limit (int)
MATCH (d:Document)
WHERE ($process IS NULL OR d.process = $process) AND size(coalesce(d.unknown_names, [])) > 0
UNWIND range(0, size(d.unknown_names) - 1) AS i
WITH d, d.unknown_names[i] AS name, d.unknown_kinds[i] AS kind, d.unknown_counts[i] AS n
WITH name, collect(kind) AS kinds, toInteger(sum(n)) AS mentions, count(DISTINCT d.id) AS documents,
     collect(DISTINCT d.process) AS processes
RETURN name, kinds[0] AS kind, mentions, documents, processes
ORDER BY mentions DESC, name
LIMIT $limit
