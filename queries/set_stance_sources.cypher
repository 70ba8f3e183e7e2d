// Write the sources some Stance aggregates keep (graph/kept.py): per relation and in all, the order keys
// and the rendered evidence, newest first. An entry already kept is taken from the node by its old index
// (`*_old` ≥ 0), so a write sends only the evidence it adds (`*_new`, "" where an old entry is taken), and
// only the lists that change (a list whose keys are left out stays as it is); a new entry of the list of all
// is sent once, in its relation's list (its index among the four and position: `all_list`, `all_at`); the
// relation's floor is the date of its last kept edge when the list is full (else absent: null), which
// stance_kept_keys compares with a later write's new edges. Each SET item reads only the property it writes,
// so the order in which an engine applies them does not matter.
// Returns: count (cells written).
// params: $rows (list of {actor, term, and per relation r (demands, offers, supports, rejects): r_keys, r_old, r_new, r_floor; all_keys, all_old, all_new, all_list, all_at})
UNWIND $rows AS r
MATCH (s:Stance {actor: r.actor, term: r.term})
SET s.recent_demands = CASE WHEN r.demands_keys IS NULL THEN s.recent_demands ELSE
                   [i IN range(0, size(coalesce(r.demands_keys, [])) - 1) |
                    CASE WHEN r.demands_old[i] >= 0 THEN s.recent_demands[r.demands_old[i]] ELSE r.demands_new[i] END] END,
    s.demands_keys = coalesce(r.demands_keys, s.demands_keys),
    s.demands_floor = CASE WHEN r.demands_keys IS NULL THEN s.demands_floor ELSE r.demands_floor END,
    s.recent_offers = CASE WHEN r.offers_keys IS NULL THEN s.recent_offers ELSE
                   [i IN range(0, size(coalesce(r.offers_keys, [])) - 1) |
                    CASE WHEN r.offers_old[i] >= 0 THEN s.recent_offers[r.offers_old[i]] ELSE r.offers_new[i] END] END,
    s.offers_keys = coalesce(r.offers_keys, s.offers_keys),
    s.offers_floor = CASE WHEN r.offers_keys IS NULL THEN s.offers_floor ELSE r.offers_floor END,
    s.recent_supports = CASE WHEN r.supports_keys IS NULL THEN s.recent_supports ELSE
                   [i IN range(0, size(coalesce(r.supports_keys, [])) - 1) |
                    CASE WHEN r.supports_old[i] >= 0 THEN s.recent_supports[r.supports_old[i]] ELSE r.supports_new[i] END] END,
    s.supports_keys = coalesce(r.supports_keys, s.supports_keys),
    s.supports_floor = CASE WHEN r.supports_keys IS NULL THEN s.supports_floor ELSE r.supports_floor END,
    s.recent_rejects = CASE WHEN r.rejects_keys IS NULL THEN s.recent_rejects ELSE
                   [i IN range(0, size(coalesce(r.rejects_keys, [])) - 1) |
                    CASE WHEN r.rejects_old[i] >= 0 THEN s.recent_rejects[r.rejects_old[i]] ELSE r.rejects_new[i] END] END,
    s.rejects_keys = coalesce(r.rejects_keys, s.rejects_keys),
    s.rejects_floor = CASE WHEN r.rejects_keys IS NULL THEN s.rejects_floor ELSE r.rejects_floor END,
    s.recent_all = CASE WHEN r.all_keys IS NULL THEN s.recent_all ELSE
                   [i IN range(0, size(coalesce(r.all_keys, [])) - 1) |
                    CASE WHEN r.all_old[i] >= 0 THEN s.recent_all[r.all_old[i]]
                         WHEN r.all_list[i] >= 0
                         THEN [r.demands_new, r.offers_new, r.supports_new, r.rejects_new][r.all_list[i]][r.all_at[i]]
                         ELSE r.all_new[i] END] END,
    s.all_keys = coalesce(r.all_keys, s.all_keys)
RETURN count(s) AS count
