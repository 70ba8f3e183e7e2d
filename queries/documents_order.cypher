// Every document in the order of the documents list (date, newest first, then id: documents_list's order),
// with what the lists filter on (date, process) and the number of position and guarantee edges its load
// recorded (null for a load that never completed). Read once per documents version by
// app/services/document_order.py, which pages the documents list, the unfiltered /guarantees list and the
// newest documents of an unfiltered /graph from it instead of sorting every document for each request.
// Returns: id, date (text or null), process (text or null), positions (int or null), guarantees (int or null).
// scalar reply: strings, integers and nulls
// params: (none)
MATCH (d:Document)
WITH d ORDER BY d.date DESC, d.id
RETURN d.id AS id, d.date AS date, d.process AS process, d.positions AS positions, d.guarantees AS guarantees
