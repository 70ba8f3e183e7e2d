// Merge officials, one row per official; a role already known is kept when this batch gives none.
// Returns: count.
// params: $rows (list of {id, name, role, represents})
UNWIND $rows AS r
MERGE (o:Official {id: r.id})
SET o.name = r.name, o.role = coalesce(r.role, o.role), o.represents = r.represents
RETURN count(o) AS count
