// The Stance aggregates that can take part in a conflict: cells where an actor favours (DEMANDS, OFFERS or
// SUPPORTS) or REJECTS a term, with the term's opposite; with $term, the cells of that term and of the terms
// opposite to it (either side may carry the `opposite` property). A few thousand rows on any corpus size; the
// API pairs them up and fetches evidence (cell_evidence) only for the page of conflicts it shows.
// Returns: actor, term, opposite, favour, rejects.
// params: $term (term id or null = all)
// scalar reply: strings, integers and nulls
MATCH (q:Term)
WHERE $term IS NULL OR q.id = $term OR q.opposite = $term
WITH collect(q.id) + [x IN collect(q.opposite) WHERE x IS NOT NULL] AS ids
MATCH (t:Term)
WHERE t.id IN ids
MATCH (s:Stance {term: t.id})
WHERE s.favour > 0 OR s.rejects > 0
RETURN s.actor AS actor, s.term AS term, t.opposite AS opposite, s.favour AS favour, s.rejects AS rejects
