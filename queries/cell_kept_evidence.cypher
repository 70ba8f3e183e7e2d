// The sources kept on some Stance aggregates (graph/kept.py: the rendered evidence of each cell's newest
// favouring and rejecting edges, newest first), with the actor's name and the term's label: the evidence of a
// page of conflicts in one node read per cell. A null list (a store written before they were kept) makes the
// API ask cell_evidence instead.
// Returns: actor, actor_name, term, term_label, recent_favour, recent_reject.
// params: $cells (list of {actor, term})
UNWIND $cells AS c
MATCH (s:Stance {actor: c.actor, term: c.term})
MATCH (a:Actor {id: c.actor})
MATCH (t:Term {id: c.term})
RETURN a.id AS actor, a.name AS actor_name, t.id AS term, t.label AS term_label,
       s.recent_favour AS recent_favour, s.recent_reject AS recent_reject
