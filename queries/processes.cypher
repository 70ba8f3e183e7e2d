// The peace processes the stored documents are about, with their numbers of documents and positions (each
// Document records its process and the position edges its load stored); documents of no known process are
// counted under a null process.
// Returns: process, documents, positions.
// params: (none)
MATCH (d:Document)
WITH d.process AS process, count(d) AS documents,
     toInteger(sum(coalesce(d.positions, 0))) AS positions
RETURN process, documents, positions
ORDER BY documents DESC, process
