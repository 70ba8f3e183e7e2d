// The newest documents (by date, then id) with the number of position and guarantee edges their load
// recorded (null for a document whose load never completed): an unfiltered /graph takes its newest edges
// from the newest documents (app/graphdata.py) instead of sorting every edge of the store. Documents that
// recorded no edge at all are left out.
// Returns: id, positions, guarantees.
// params: $upto (int ≥ 1)
MATCH (d:Document)
WHERE d.positions IS NULL OR d.guarantees IS NULL OR d.positions + d.guarantees > 0
WITH d ORDER BY d.date DESC, d.id
LIMIT $upto
RETURN d.id AS id, d.positions AS positions, d.guarantees AS guarantees
