// The cells whose edges an actor's or a term's /graph page reads (app/newest_cells.py): each (actor, term)
// Stance aggregate of the named actors or terms with its sources per relation and the order key of its newest
// source per relation and in all (the first of its kept keys, graph/kept.py: an undated source comes first, so
// a key without a date says the cell has one), and, under an actor filter without terms, each (guarantor,
// beneficiary) GuaranteeSummary pair that gives to or takes from a named actor with its sources (`kind`
// 'guarantee'; no kept keys). The page is then read from the cells that can hold its edges only.
// Returns: kind ('stance' or 'guarantee'), source, target, demands, offers, supports, rejects, guarantees,
// demands_newest, offers_newest, supports_newest, rejects_newest, all_newest.
// params: $actors, $terms (lists of ids; at least one not null)
// scalar reply: strings, integers and nulls
MATCH (s:Stance)
WHERE ($actors IS NULL OR s.actor IN $actors) AND ($terms IS NULL OR s.term IN $terms)
RETURN 'stance' AS kind, s.actor AS source, s.term AS target, s.demands AS demands, s.offers AS offers,
       s.supports AS supports, s.rejects AS rejects, 0 AS guarantees, s.demands_keys[0] AS demands_newest,
       s.offers_keys[0] AS offers_newest, s.supports_keys[0] AS supports_newest,
       s.rejects_keys[0] AS rejects_newest, s.all_keys[0] AS all_newest
UNION ALL
MATCH (g:GuaranteeSummary)
WHERE $terms IS NULL AND (g.guarantor IN $actors OR g.beneficiary IN $actors)
RETURN 'guarantee' AS kind, g.guarantor AS source, g.beneficiary AS target, 0 AS demands, 0 AS offers,
       0 AS supports, 0 AS rejects, g.sources AS guarantees, null AS demands_newest, null AS offers_newest,
       null AS supports_newest, null AS rejects_newest, null AS all_newest
