// Create nodes from a backup, each with its one label and its properties as they were (graph/backup.py). A
// label cannot be a parameter, so each label the store uses has its own FOREACH; a row of another label is
// not created (the caller counts and reports it).
// Returns: count (rows processed).
// params: $rows (list of {label, props})
UNWIND $rows AS r
FOREACH (_ IN CASE WHEN r.label = 'Actor' THEN [1] ELSE [] END | CREATE (n:Actor) SET n = r.props)
FOREACH (_ IN CASE WHEN r.label = 'Official' THEN [1] ELSE [] END | CREATE (n:Official) SET n = r.props)
FOREACH (_ IN CASE WHEN r.label = 'Term' THEN [1] ELSE [] END | CREATE (n:Term) SET n = r.props)
FOREACH (_ IN CASE WHEN r.label = 'Document' THEN [1] ELSE [] END | CREATE (n:Document) SET n = r.props)
FOREACH (_ IN CASE WHEN r.label = 'Stance' THEN [1] ELSE [] END | CREATE (n:Stance) SET n = r.props)
FOREACH (_ IN CASE WHEN r.label = 'GuaranteeSummary' THEN [1] ELSE [] END | CREATE (n:GuaranteeSummary) SET n = r.props)
FOREACH (_ IN CASE WHEN r.label = 'DocumentsVersion' THEN [1] ELSE [] END | CREATE (n:DocumentsVersion) SET n = r.props)
FOREACH (_ IN CASE WHEN r.label = 'Review' THEN [1] ELSE [] END | CREATE (n:Review) SET n = r.props)
FOREACH (_ IN CASE WHEN r.label = 'StoreFormat' THEN [1] ELSE [] END | CREATE (n:StoreFormat) SET n = r.props)
RETURN count(r) AS count
