// Mark documents as completely loaded, recording how many edges of each kind they stored and the aggregate
// cells they feed (parallel lists of actor and term ids, of guarantor and beneficiary ids; so that a damaged
// document's cells can be recounted even when its edges are gone): written last, so a
// half-finished load stays visible as incomplete, and the counts let a later load check that the edges are
// all still there (document_states) and let the listing show them without counting edges; and the rendered
// evidence of its guarantees in sentence order (graph/evidence.py), from which guarantees_recent pages.
// Every write of documents sets the store's documents version (a token of its own, $version) in the same query,
// so that a reader that keeps something computed from the documents (app/services/document_order.py) knows when
// it is stale; a query that touched no document leaves it.
// Returns: count.
// params: $rows (list of {id, positions, guarantees, mentions, stance_actors, stance_terms, pair_guarantors, pair_beneficiaries, guarantee_evidence}), $version (a new token)
UNWIND $rows AS r
MATCH (d:Document {id: r.id})
SET d.complete = true, d.positions = r.positions, d.guarantees = r.guarantees, d.mentions = r.mentions,
    d.stance_actors = r.stance_actors, d.stance_terms = r.stance_terms, d.pair_guarantors = r.pair_guarantors,
    d.pair_beneficiaries = r.pair_beneficiaries, d.guarantee_evidence = r.guarantee_evidence
WITH count(d) AS written
FOREACH (_ IN CASE WHEN written > 0 THEN [1] ELSE [] END |
  MERGE (v:DocumentsVersion {id: 'documents'})
  SET v.token = $version)
RETURN written AS count
