// Schema for Neo4j 5: uniqueness constraints (which also index) on the `id` of every node label, so that
// concurrent MERGEs from several loaders cannot create duplicate nodes; indexes on the aggregate nodes' keys,
// Document dates and the `doc` of every evidence edge type.
// params: (none)
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT official_id IF NOT EXISTS FOR (n:Official) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT term_id IF NOT EXISTS FOR (n:Term) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE INDEX stance_actor IF NOT EXISTS FOR (n:Stance) ON (n.actor);
CREATE INDEX stance_term IF NOT EXISTS FOR (n:Stance) ON (n.term);
CREATE INDEX guarantee_summary_guarantor IF NOT EXISTS FOR (n:GuaranteeSummary) ON (n.guarantor);
CREATE INDEX guarantee_summary_beneficiary IF NOT EXISTS FOR (n:GuaranteeSummary) ON (n.beneficiary);
CREATE INDEX document_date IF NOT EXISTS FOR (n:Document) ON (n.date);
CREATE INDEX demands_doc IF NOT EXISTS FOR ()-[e:DEMANDS]-() ON (e.doc);
CREATE INDEX offers_doc IF NOT EXISTS FOR ()-[e:OFFERS]-() ON (e.doc);
CREATE INDEX supports_doc IF NOT EXISTS FOR ()-[e:SUPPORTS]-() ON (e.doc);
CREATE INDEX rejects_doc IF NOT EXISTS FOR ()-[e:REJECTS]-() ON (e.doc);
CREATE INDEX guarantees_doc IF NOT EXISTS FOR ()-[e:GUARANTEES]-() ON (e.doc);
