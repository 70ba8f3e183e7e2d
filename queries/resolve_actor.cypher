// Resolve what a user typed (id, name or alias, any case) to one Actor: an exact id wins over a name, a
// name over an alias, so "US" finds the United States even if another actor lists "us" among its aliases.
// Returns: id, name, kind (at most one row).
// params: $value (the text as typed, already lower-cased and trimmed by the caller)
MATCH (a:Actor)
WHERE toLower(a.id) = $value
   OR toLower(a.name) = $value
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = $value)
RETURN a.id AS id, a.name AS name, a.kind AS kind
ORDER BY CASE WHEN toLower(a.id) = $value THEN 0 WHEN toLower(a.name) = $value THEN 1 ELSE 2 END, id
LIMIT 1
