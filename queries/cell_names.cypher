// The actor's name and the term's label of some (actor, term) cells: what a conflict card shows when its
// sources are loaded only once it is opened (the compare page), without reading any kept list or edge.
// Returns: key, actor, actor_name, term, term_label.
// params: $cells (list of {key, actor, term})
// scalar reply: strings and nulls
UNWIND $cells AS c
MATCH (a:Actor {id: c.actor})
MATCH (t:Term {id: c.term})
RETURN c.key AS key, a.id AS actor, a.name AS actor_name, t.id AS term, t.label AS term_label
