// Lint every queries/*.cypher file with Neo4j's linter; exit 1 on any diagnostic.
// Parameters come from each file's `// params: $a, $b` header, so an undeclared parameter is an error too.
// A file with a `<name>.neo4j.cypher` variant is never run on Neo4j: Neo4j's deprecation warnings (syntax
// FalkorDB needs and Neo4j 5 deprecates, such as `CALL { WITH x … }`) do not count for it; its errors do.
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const here = dirname(fileURLToPath(import.meta.url));
const dir = resolve(process.argv[2] ?? join(here, '..', '..', 'queries'));
const schema = {
  labels: ['Actor', 'Official', 'Term', 'Document', 'Stance', 'GuaranteeSummary', 'StoreLock', 'DocumentsVersion', 'Review', 'StoreFormat'],
  relationshipTypes: ['DEMANDS', 'OFFERS', 'SUPPORTS', 'REJECTS', 'GUARANTEES', 'REPRESENTS', 'MENTIONS', 'REVIEWS'],
};

function declaredParams(text) {
  const params = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^\/\/\s*params:(.*)$/i);
    if (!m) continue;
    for (const p of m[1].matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) params[p[1]] = null;
  }
  return params;
}

function statements(text) {
  const body = text.split('\n').filter((l) => !l.trimStart().startsWith('//')).join('\n');
  return body.split(';').map((s) => s.trim()).filter(Boolean);
}

let problems = 0;
const files = readdirSync(dir).filter((f) => f.endsWith('.cypher')).sort();
for (const file of files) {
  const text = readFileSync(join(dir, file), 'utf8');
  const parameters = declaredParams(text);
  if (!/^\/\/\s*params:/im.test(text)) {
    console.log(`${file}: missing '// params:' header line`);
    problems++;
  }
  for (const stmt of statements(text)) {
    const { diagnostics } = lintCypherQuery(stmt, { ...schema, parameters });
    const neo4jVariant = !file.includes('.neo4j.') && files.includes(file.replace(/\.cypher$/, '.neo4j.cypher'));
    for (const d of diagnostics) {
      if (neo4jVariant && d.severity !== 1 && /deprecated/i.test(d.message)) continue;
      problems++;
      console.log(`${file}:${d.range.start.line + 1}: ${d.severity === 1 ? 'error' : 'warning'}: ${d.message}`);
    }
  }
}
console.log(`cypher-lint: ${files.length} files, ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
