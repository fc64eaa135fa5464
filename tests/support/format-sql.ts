/**
 * Lays generated SQL out for a snapshot a person can review: each clause (FROM, JOIN, WHERE, GROUP BY, UNION
 * ALL, …) on a line of its own and each item of a list or condition after it indented on its own line, by
 * parenthesis depth. Whitespace only: strings and quoted names are copied as they are.
 */
const CLAUSE = /^(SELECT|FROM|LEFT JOIN|JOIN|WHERE|GROUP BY|ORDER BY|HAVING|UNION ALL|WITH)\b/i;

export function formatSql(sql: string): string {
  const out: string[] = [];
  let line = '';
  let depth = 0;
  // Lists break at the depth of the clause they belong to, so a function's arguments stay on one line.
  let clauseDepth = 0;
  const pad = () => '  '.repeat(depth);
  const flush = () => {
    if (line.trim()) out.push(line.trimEnd());
    line = pad();
  };
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      line += sql.slice(i, stop);
      i = stop - 1;
      continue;
    }
    const rest = sql.slice(i);
    const clause = /^\s/.test(ch) || i === 0 ? CLAUSE.exec(i === 0 ? rest : rest.trimStart()) : null;
    if (clause) {
      flush();
      const skip = i === 0 ? 0 : rest.length - rest.trimStart().length;
      clauseDepth = depth;
      line = pad() + clause[1]!.toUpperCase();
      i += skip + clause[1]!.length - 1;
      continue;
    }
    if (/^\s+AND\s/i.test(rest)) {
      flush();
      line = pad() + '  AND';
      i += rest.search(/AND/i) + 2;
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === clauseDepth) {
      line += ',';
      flush();
      line = pad() + '  ';
      while (sql[i + 1] === ' ') i++;
      continue;
    }
    line += ch;
  }
  flush();
  return out.join('\n');
}
