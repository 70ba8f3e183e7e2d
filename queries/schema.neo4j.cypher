// Schema for Neo4j 5: uniqueness constraints (which also index) on the `id` of every node label, so that
// concurrent MERGEs from several loaders cannot create duplicate nodes.
// params: (none)
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT official_id IF NOT EXISTS FOR (n:Official) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT term_id IF NOT EXISTS FOR (n:Term) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE INDEX demands_doc IF NOT EXISTS FOR ()-[e:DEMANDS]-() ON (e.doc);
CREATE INDEX offers_doc IF NOT EXISTS FOR ()-[e:OFFERS]-() ON (e.doc);
CREATE INDEX supports_doc IF NOT EXISTS FOR ()-[e:SUPPORTS]-() ON (e.doc);
CREATE INDEX rejects_doc IF NOT EXISTS FOR ()-[e:REJECTS]-() ON (e.doc);
CREATE INDEX guarantees_doc IF NOT EXISTS FOR ()-[e:GUARANTEES]-() ON (e.doc);
