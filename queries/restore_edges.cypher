// Create edges from a backup between nodes restored before (graph/backup.py): both ends found by label and id
// (indexed), the edge created with its type and properties. Types cannot be parameters, so each has its own
// FOREACH. Returns how many rows found both ends.
// Returns: count (edges created).
// params: $rows (list of {type, a_label, a, b_label, b, props})
UNWIND $rows AS r
OPTIONAL MATCH (a1:Actor {id: r.a})
OPTIONAL MATCH (a2:Official {id: r.a})
OPTIONAL MATCH (a3:Document {id: r.a})
OPTIONAL MATCH (a4:Review {id: r.a})
WITH r, CASE r.a_label WHEN 'Actor' THEN a1 WHEN 'Official' THEN a2 WHEN 'Document' THEN a3 WHEN 'Review' THEN a4 END AS a
OPTIONAL MATCH (b1:Actor {id: r.b})
OPTIONAL MATCH (b2:Term {id: r.b})
OPTIONAL MATCH (b3:Official {id: r.b})
OPTIONAL MATCH (b4:Document {id: r.b})
WITH r, a, CASE r.b_label WHEN 'Actor' THEN b1 WHEN 'Term' THEN b2 WHEN 'Official' THEN b3 WHEN 'Document' THEN b4 END AS b
WITH r, a, b, CASE WHEN a IS NULL OR b IS NULL THEN [] ELSE [1] END AS found
FOREACH (_ IN CASE WHEN r.type = 'DEMANDS' THEN found ELSE [] END | CREATE (a)-[e:DEMANDS]->(b) SET e = r.props)
FOREACH (_ IN CASE WHEN r.type = 'OFFERS' THEN found ELSE [] END | CREATE (a)-[e:OFFERS]->(b) SET e = r.props)
FOREACH (_ IN CASE WHEN r.type = 'SUPPORTS' THEN found ELSE [] END | CREATE (a)-[e:SUPPORTS]->(b) SET e = r.props)
FOREACH (_ IN CASE WHEN r.type = 'REJECTS' THEN found ELSE [] END | CREATE (a)-[e:REJECTS]->(b) SET e = r.props)
FOREACH (_ IN CASE WHEN r.type = 'GUARANTEES' THEN found ELSE [] END | CREATE (a)-[e:GUARANTEES]->(b) SET e = r.props)
FOREACH (_ IN CASE WHEN r.type = 'REPRESENTS' THEN found ELSE [] END | CREATE (a)-[e:REPRESENTS]->(b) SET e = r.props)
FOREACH (_ IN CASE WHEN r.type = 'MENTIONS' THEN found ELSE [] END | CREATE (a)-[e:MENTIONS]->(b) SET e = r.props)
FOREACH (_ IN CASE WHEN r.type = 'REVIEWS' THEN found ELSE [] END | CREATE (a)-[e:REVIEWS]->(b) SET e = r.props)
RETURN sum(size(found)) AS count
