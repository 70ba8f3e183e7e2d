// Some documents of the documents list by id, with what each contributed as documents_list counts it
// (position and guarantee edges through the `doc` index of each edge type, and mentions), and the store's
// documents version read in the same query, so that the reader can tell that the order it took the ids from
// still holds (app/services/document_order.py).
// Returns: id, title, outlet, author, url, date, language, process, complete, positions, guarantees, mentions,
// source, content_type, date_origin (documents_list's columns), token (the documents version, text or null);
// one row per id that is a document, in no particular order.
// params: $ids (list of document ids)
OPTIONAL MATCH (v:DocumentsVersion {id: 'documents'})
WITH v.token AS token
UNWIND $ids AS id
MATCH (d:Document {id: id})
OPTIONAL MATCH ()-[e1:DEMANDS {doc: d.id}]->()
WITH token, d, count(e1) AS demands
OPTIONAL MATCH ()-[e2:OFFERS {doc: d.id}]->()
WITH token, d, demands, count(e2) AS offers
OPTIONAL MATCH ()-[e3:SUPPORTS {doc: d.id}]->()
WITH token, d, demands, offers, count(e3) AS supports
OPTIONAL MATCH ()-[e4:REJECTS {doc: d.id}]->()
WITH token, d, demands, offers, supports, count(e4) AS rejects
OPTIONAL MATCH ()-[e5:GUARANTEES {doc: d.id}]->()
WITH token, d, demands, offers, supports, rejects, count(e5) AS guarantees
OPTIONAL MATCH (d)-[m:MENTIONS]->()
WITH token, d, demands, offers, supports, rejects, guarantees, count(m) AS mentions
RETURN d.id AS id, d.title AS title, d.outlet AS outlet, d.author AS author, d.url AS url, d.date AS date,
       d.language AS language, d.process AS process, d.complete AS complete,
       demands + offers + supports + rejects AS positions, guarantees, mentions, d.source AS source,
       d.content_type AS content_type, d.date_origin AS date_origin, token
