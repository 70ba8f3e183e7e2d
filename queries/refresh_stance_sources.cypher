// Keep each touched Stance aggregate's newest sources: the `evidence` of its newest $keep edges in all
// (`recent`), of its newest $keep favouring edges (`recent_favour`: DEMANDS, OFFERS, SUPPORTS) and of its
// newest $keep REJECTS edges (`recent_reject`), newest first in the order of the evidence queries (date
// descending, then doc, then sentence), so that an actor's or a term's positions, conflicts and common ground
// read a cell's sources from one node. `favour_floor`/`reject_floor` hold the date of the last kept edge of a
// full list (null while the list holds every edge of its class): a cell is re-read only when the write can
// have changed a list, that is when it is forced (recounted, or an edge without a date came or went) or an
// added or removed edge of a class is at least as new as that class's floor; so a load of old documents
// into a large cell reads nothing. Lists are left null when a kept edge has no `evidence` (a store written
// before edges carried it): readers then take the evidence queries.
// Returns: count (cells re-read).
// params: $cells (list of {actor, term, force: bool, favour: newest date of a favouring edge added or removed or null, reject: the same for REJECTS}), $keep (int ≥ 1)
UNWIND $cells AS c
MATCH (s:Stance {actor: c.actor, term: c.term})
WHERE c.force
   OR (c.favour IS NOT NULL AND (s.favour_floor IS NULL OR c.favour >= s.favour_floor))
   OR (c.reject IS NOT NULL AND (s.reject_floor IS NULL OR c.reject >= s.reject_floor))
MATCH (a:Actor {id: c.actor})
MATCH (t:Term {id: c.term})
WITH s, a, t
MATCH (a)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t)
WITH s, e ORDER BY e.date DESC, e.doc, e.sentence
WITH s, collect(e) AS edges
WITH s, edges[0..$keep] AS kept, [x IN edges WHERE type(x) <> 'REJECTS'][0..$keep] AS favour,
     [x IN edges WHERE type(x) = 'REJECTS'][0..$keep] AS reject
WITH s, kept, favour, reject,
     all(x IN kept + favour + reject WHERE x.evidence IS NOT NULL) AS rendered
SET s.recent = CASE WHEN rendered THEN [x IN kept | x.evidence] END,
    s.recent_favour = CASE WHEN rendered THEN [x IN favour | x.evidence] END,
    s.recent_reject = CASE WHEN rendered THEN [x IN reject | x.evidence] END,
    s.favour_floor = CASE WHEN size(favour) = $keep THEN favour[$keep - 1].date END,
    s.reject_floor = CASE WHEN size(reject) = $keep THEN reject[$keep - 1].date END
RETURN count(s) AS count
