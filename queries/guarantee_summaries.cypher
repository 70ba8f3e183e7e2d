// The guarantees page's chips: one row per GuaranteeSummary aggregate (guarantor, beneficiary) with its
// sources and distinct documents per status, kept by the store in the same write as the GUARANTEES edges, so
// the page counts every guarantee without reading one edge (it used to draw the newest 2,000 edges, with
// their quotes, at 0.3-0.5 s a page on 10,000 guarantees). Names come from the page's actor list.
// Returns: guarantor, beneficiary, proposed, willing, declined, proposed_documents, willing_documents,
// declined_documents.
// params: $actors (list of actor ids or null = all: a pair is kept when either end is one of them)
MATCH (s:GuaranteeSummary)
WHERE $actors IS NULL OR s.guarantor IN $actors OR s.beneficiary IN $actors
RETURN s.guarantor AS guarantor, s.beneficiary AS beneficiary, s.proposed AS proposed, s.willing AS willing,
       s.declined AS declined, s.proposed_documents AS proposed_documents,
       s.willing_documents AS willing_documents, s.declined_documents AS declined_documents
ORDER BY guarantor, beneficiary
