// Keep the terms reviews name, as upsert_reviewed_actors keeps actors: merged (from the codebook's entry when no
// document mentions the term yet) and marked `reviewed`, which prune_orphans spares.
// Returns: count.
// params: $rows (list of {id, label, category, definition, opposite}; all but id used only for a new node)
UNWIND $rows AS r
MERGE (t:Term {id: r.id})
ON CREATE SET t.label = r.label, t.category = r.category, t.definition = r.definition, t.opposite = r.opposite
SET t.reviewed = true
RETURN count(t) AS count
