// The stored state of some documents: their content hash, whether their last load completed, the edge counts
// recorded when it completed, and the edges actually stored now (found through the `doc` indexes of the edge
// types and the document's MENTIONS). A document is "unchanged" only when it is complete and both agree.
// Returns: id, sha256, complete, positions, guarantees, mentions (recorded; null before the first complete
// load), stored_positions, stored_guarantees, stored_mentions, cells (the aggregate cells recorded at the last
// complete load: {stance_actors, stance_terms, pair_guarantors, pair_beneficiaries}) (one row per document).
// params: $ids (list of document ids)
MATCH (d:Document)
WHERE d.id IN $ids
OPTIONAL MATCH ()-[e1:DEMANDS {doc: d.id}]->()
WITH d, count(e1) AS demands
OPTIONAL MATCH ()-[e2:OFFERS {doc: d.id}]->()
WITH d, demands, count(e2) AS offers
OPTIONAL MATCH ()-[e3:SUPPORTS {doc: d.id}]->()
WITH d, demands, offers, count(e3) AS supports
OPTIONAL MATCH ()-[e4:REJECTS {doc: d.id}]->()
WITH d, demands, offers, supports, count(e4) AS rejects
OPTIONAL MATCH ()-[e5:GUARANTEES {doc: d.id}]->()
WITH d, demands, offers, supports, rejects, count(e5) AS stored_guarantees
OPTIONAL MATCH (d)-[m:MENTIONS]->()
WITH d, demands, offers, supports, rejects, stored_guarantees, count(m) AS stored_mentions
RETURN d.id AS id, d.sha256 AS sha256, d.complete AS complete,
       d.positions AS positions, d.guarantees AS guarantees, d.mentions AS mentions,
       demands + offers + supports + rejects AS stored_positions, stored_guarantees, stored_mentions,
       {stance_actors: d.stance_actors, stance_terms: d.stance_terms, pair_guarantors: d.pair_guarantors,
        pair_beneficiaries: d.pair_beneficiaries} AS cells
