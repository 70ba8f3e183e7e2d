// The documents that hold guarantees, in the order of the unfiltered /guarantees list (date, newest first,
// then id: guarantees.cypher's order, since the loader gives every edge its document's date), with how many
// each holds (recorded when its load completed; null for a load that never completed, taken as possibly
// some). Read once per documents version by app/services/document_order.py, which then pages through the
// documents' rendered guarantee rows without sorting the documents again.
// Returns: id, guarantees (int or null).
// scalar reply: strings, integers and nulls
// params: (none)
MATCH (d:Document)
WHERE d.guarantees > 0 OR d.guarantees IS NULL
WITH d ORDER BY d.date DESC, d.id
RETURN d.id AS id, d.guarantees AS guarantees
