// Write the sources some Stance aggregates keep (graph/kept.py): per class (favour, reject), the order keys
// and the rendered evidence, newest first. An entry already kept is taken from the node by its old index
// (`*_old` ≥ 0), so a write sends only the evidence it adds (`*_new`, "" where an old entry is taken); the
// class's floor is the date of its last kept edge when the list is full (else absent: null), which
// stance_kept_keys compares with a later write's new edges. Each SET item reads only the property it writes,
// so the order in which an engine applies them does not matter.
// Returns: count (cells written).
// params: $rows (list of {actor, term, favour_keys, favour_old, favour_new, favour_floor, reject_keys, reject_old, reject_new, reject_floor})
UNWIND $rows AS r
MATCH (s:Stance {actor: r.actor, term: r.term})
SET s.recent_favour = [i IN range(0, size(r.favour_keys) - 1) |
                       CASE WHEN r.favour_old[i] >= 0 THEN s.recent_favour[r.favour_old[i]] ELSE r.favour_new[i] END],
    s.favour_keys = r.favour_keys,
    s.recent_reject = [i IN range(0, size(r.reject_keys) - 1) |
                       CASE WHEN r.reject_old[i] >= 0 THEN s.recent_reject[r.reject_old[i]] ELSE r.reject_new[i] END],
    s.reject_keys = r.reject_keys,
    s.favour_floor = r.favour_floor,
    s.reject_floor = r.reject_floor
RETURN count(s) AS count
