// Every negotiating term with the number of position edges per relation (an `opposite` term id when the
// node carries one), summed over the term's Stance aggregates rather than counted edge by edge.
// Returns: id, label, category, definition, opposite, demands, offers, supports, rejects.
// params: (none)
MATCH (t:Term)
OPTIONAL MATCH (s:Stance {term: t.id})
WITH t, collect(s) AS cells
RETURN t.id AS id, t.label AS label, t.category AS category, t.definition AS definition, t.opposite AS opposite,
       reduce(n = 0, c IN cells | n + c.demands) AS demands,
       reduce(n = 0, c IN cells | n + c.offers) AS offers,
       reduce(n = 0, c IN cells | n + c.supports) AS supports,
       reduce(n = 0, c IN cells | n + c.rejects) AS rejects
ORDER BY id
