// The member-state report's statements alone, two builds interleaved on two databases: a
// comparison that a busy machine disturbs less than HTTP timings (each round runs both, so load
// that comes and goes falls on both alike).
//   node bench/report-sql.mjs <before checkout> <before database> [<after database> [<checkout> <database>]...]
// e.g. node bench/report-sql.mjs /tmp/base ctlp_bench_report ctlp_bench_report_v2: the `before`
// checkout's built ReportsRepository on the first database, this checkout's on the second. More
// checkout and database pairs are measured in the same rounds, as columns between the two.
// Each statement runs in a transaction of its own, as the service runs a report.
// ROUNDS (default 15) rounds; prints p50 and p90 per statement and the ratio after/before (and
// each other column's p50 over before's).
import 'reflect-metadata';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

const [beforeRoot, beforeDb, afterDb = beforeDb, ...more] = process.argv.slice(2);
if (!beforeRoot || !beforeDb) throw new Error('usage: node bench/report-sql.mjs <before checkout> <before database> [<after database>]');
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROUNDS = Number(process.env.ROUNDS ?? 15);
const repository = async (root) =>
  (await import(pathToFileURL(path.resolve(root, 'apps/api/dist/reports/reports.repository.js')).href)).ReportsRepository;
const connect = async (database) => {
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
};
if (more.length % 2) throw new Error('each further checkout needs its database');
const sides = [{ name: 'before', Repository: await repository(beforeRoot), client: await connect(beforeDb) }];
for (let i = 0; i < more.length; i += 2) {
  sides.push({
    name: `${path.basename(more[i])} (${more[i + 1]})`,
    Repository: await repository(more[i]),
    client: await connect(more[i + 1]),
  });
}
sides.push({ name: 'after', Repository: await repository(path.resolve(import.meta.dirname, '..')), client: await connect(afterDb) });
for (const side of sides) {
  const manager = { query: (text, params) => side.client.query(text, params).then((r) => r.rows) };
  side.repository = new side.Repository({ manager });
}
const base = { agencyType: null, memberState: null, region: null, locale: 'en', includeZero: true, source: 'all' };
const cases = [
  ['full range, 195 States', 'countFromSummary', { ...base, from: new Date('2000-01-01'), to: new Date() }],
  ['2023-03-15 to 2025-06-15', 'countFromSummary', { ...base, from: new Date('2023-03-15'), to: new Date('2025-06-15') }],
  [
    'full range, one State (a focal point)',
    'countFromSummary',
    { ...base, memberState: 'KEN', from: new Date('2000-01-01'), to: new Date() },
  ],
  [
    '2024, agency judiciary, Oceania',
    'countFromSummary',
    { ...base, agencyType: 'judiciary', region: 'Oceania', from: new Date('2024-01-01'), to: new Date('2025-01-01') },
  ],
  [
    '2024, topic financing (from the rows)',
    'countFromRows',
    { ...base, includeZero: false, courseId: null, topic: 'financing', from: new Date('2024-01-01'), to: new Date('2025-01-01') },
  ],
];
const times = new Map();
for (let round = -1; round < ROUNDS; round++) {
  for (const [name, method, scope] of cases) {
    for (const side of round % 2 ? sides : [...sides].reverse()) {
      const started = performance.now();
      // In a transaction, as the service runs a report (withStatementTimeout).
      await side.client.query('BEGIN');
      await side.repository[method](scope);
      await side.client.query('COMMIT');
      const ms = performance.now() - started;
      if (round < 0) continue; // warm-up
      const key = `${name}|${side.name}`;
      times.set(key, [...(times.get(key) ?? []), ms]);
    }
  }
}
const pct = (list, p) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * p))];
const middle = sides.slice(1, -1);
console.table(
  cases.map(([name]) => {
    const p50 = (side, p = 0.5) => pct(times.get(`${name}|${side}`), p);
    return {
      statement: name,
      'before p50 ms': p50('before').toFixed(0),
      ...Object.fromEntries(middle.map((side) => [`${side.name} p50`, p50(side.name).toFixed(0)])),
      'after p50 ms': p50('after').toFixed(0),
      'before p90': p50('before', 0.9).toFixed(0),
      ...Object.fromEntries(middle.map((side) => [`${side.name} p90`, p50(side.name, 0.9).toFixed(0)])),
      'after p90': p50('after', 0.9).toFixed(0),
      ...Object.fromEntries(middle.map((side) => [`${side.name} / before`, (p50(side.name) / p50('before')).toFixed(2)])),
      'after / before (p50)': (p50('after') / p50('before')).toFixed(2),
    };
  }),
);
for (const side of sides) await side.client.end();
