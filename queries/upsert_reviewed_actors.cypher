// Keep the actors reviews name: each is merged (made from its codebook entry when no document mentions it
// yet: a reviewer may pick any actor of the codebook) and marked `reviewed`, so that pruning what a deleted
// document mentioned (prune_orphans) never takes a node a review stands on.
// Returns: count.
// params: $rows (list of {id, name, kind, aliases}; name, kind and aliases are used only for a new node)
UNWIND $rows AS r
MERGE (a:Actor {id: r.id})
ON CREATE SET a.name = r.name, a.kind = r.kind, a.aliases = r.aliases
SET a.reviewed = true
RETURN count(a) AS count
