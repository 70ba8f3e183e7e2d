// Write the sources some Stance aggregates keep (graph/kept.py): per relation and in all, the order keys
// and the rendered evidence, newest first. An entry already kept is taken from the node by its old index
// (`*_old` ≥ 0), so a write sends only the evidence it adds (`*_new`, "" where an old entry is taken); the
// relation's floor is the date of its last kept edge when the list is full (else absent: null), which
// stance_kept_keys compares with a later write's new edges. Each SET item reads only the property it writes,
// so the order in which an engine applies them does not matter.
// Returns: count (cells written).
// params: $rows (list of {actor, term, and per relation r (demands, offers, supports, rejects): r_keys, r_old, r_new, r_floor; all_keys, all_old, all_new})
UNWIND $rows AS r
MATCH (s:Stance {actor: r.actor, term: r.term})
SET s.recent_demands = [i IN range(0, size(r.demands_keys) - 1) |
                     CASE WHEN r.demands_old[i] >= 0 THEN s.recent_demands[r.demands_old[i]] ELSE r.demands_new[i] END],
    s.demands_keys = r.demands_keys, s.demands_floor = r.demands_floor,
    s.recent_offers = [i IN range(0, size(r.offers_keys) - 1) |
                     CASE WHEN r.offers_old[i] >= 0 THEN s.recent_offers[r.offers_old[i]] ELSE r.offers_new[i] END],
    s.offers_keys = r.offers_keys, s.offers_floor = r.offers_floor,
    s.recent_supports = [i IN range(0, size(r.supports_keys) - 1) |
                     CASE WHEN r.supports_old[i] >= 0 THEN s.recent_supports[r.supports_old[i]] ELSE r.supports_new[i] END],
    s.supports_keys = r.supports_keys, s.supports_floor = r.supports_floor,
    s.recent_rejects = [i IN range(0, size(r.rejects_keys) - 1) |
                     CASE WHEN r.rejects_old[i] >= 0 THEN s.recent_rejects[r.rejects_old[i]] ELSE r.rejects_new[i] END],
    s.rejects_keys = r.rejects_keys, s.rejects_floor = r.rejects_floor,
    s.recent_all = [i IN range(0, size(r.all_keys) - 1) |
                  CASE WHEN r.all_old[i] >= 0 THEN s.recent_all[r.all_old[i]] ELSE r.all_new[i] END],
    s.all_keys = r.all_keys
RETURN count(s) AS count
