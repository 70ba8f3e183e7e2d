// Schema for Neo4j 5: uniqueness constraints (which also index) on the `id` of every node label, so that
// concurrent MERGEs from several loaders cannot create duplicate nodes; indexes on the aggregate nodes' keys,
// Document dates and the `doc` of every evidence edge type. A Stance is found by (actor, term) through a
// composite index: one seek to the cell, where the actor index read the actor's 40 cells for each cell asked
// (cell_kept_evidence: 6,000 db hits for 63 cells, now 1,000). The StoreLock node (queries/store_lock.cypher) is
// unique too: without it, writers that met no lock node yet (a new database) each created their own and ran
// at once, and a batch's edges, created rather than merged under the lock, were written twice. Lock nodes
// doubled by that race before this constraint existed are merged first (the constraint cannot be made over
// them); they hold no data.
// params: (none)
MATCH (l:StoreLock)
WITH l.id AS name, collect(l) AS locks
WHERE size(locks) > 1
UNWIND locks[1..] AS extra
DELETE extra;
CREATE CONSTRAINT store_lock_id IF NOT EXISTS FOR (n:StoreLock) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT official_id IF NOT EXISTS FOR (n:Official) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT term_id IF NOT EXISTS FOR (n:Term) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE INDEX stance_actor IF NOT EXISTS FOR (n:Stance) ON (n.actor);
CREATE INDEX stance_term IF NOT EXISTS FOR (n:Stance) ON (n.term);
CREATE INDEX stance_actor_term IF NOT EXISTS FOR (n:Stance) ON (n.actor, n.term);
CREATE INDEX guarantee_summary_guarantor IF NOT EXISTS FOR (n:GuaranteeSummary) ON (n.guarantor);
CREATE INDEX guarantee_summary_beneficiary IF NOT EXISTS FOR (n:GuaranteeSummary) ON (n.beneficiary);
CREATE INDEX document_date IF NOT EXISTS FOR (n:Document) ON (n.date);
CREATE INDEX demands_doc IF NOT EXISTS FOR ()-[e:DEMANDS]-() ON (e.doc);
CREATE INDEX offers_doc IF NOT EXISTS FOR ()-[e:OFFERS]-() ON (e.doc);
CREATE INDEX supports_doc IF NOT EXISTS FOR ()-[e:SUPPORTS]-() ON (e.doc);
CREATE INDEX rejects_doc IF NOT EXISTS FOR ()-[e:REJECTS]-() ON (e.doc);
CREATE INDEX guarantees_doc IF NOT EXISTS FOR ()-[e:GUARANTEES]-() ON (e.doc);
CREATE CONSTRAINT review_id IF NOT EXISTS FOR (n:Review) REQUIRE n.id IS UNIQUE;
CREATE INDEX review_doc IF NOT EXISTS FOR (n:Review) ON (n.doc);
