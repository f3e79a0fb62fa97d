// `node bench/explain-writes.mjs` after `npm run bench`: EXPLAIN (ANALYZE, BUFFERS) of each
// statement the API ran for one lesson complete and one quiz attempt, as bench/run.mjs recorded
// them (.data/bench-recorded-scripts.json), in one transaction that is rolled back. The recorded
// request's own rows are taken out first (inside that transaction), so each statement runs as it
// did then: the lesson not done yet, the quiz not attempted. Prints planning and execution time,
// shared buffers and the time of each trigger, per statement.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const server = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
if (!server) throw new Error('BENCH_DATABASE_URL (the server of the bench database ctlp_bench) is needed');
const url = new URL(server);
url.pathname = '/ctlp_bench';
const scripts = JSON.parse(readFileSync(path.join(ROOT, '.data', 'bench-recorded-scripts.json'), 'utf8'));

// What the recorded request wrote, by its enrolment (the lock's row) and lesson.
const UNDO = {
  'lesson complete (write)': ['DELETE FROM lesson_progress WHERE enrolment_id = $1 AND lesson_id = $2'],
  'quiz attempt (write)': ['DELETE FROM quiz_attempts WHERE enrolment_id = $1 AND lesson_id = $2'],
};

const client = new pg.Client({ connectionString: url.toString() });
await client.connect();
for (const [label, undo] of Object.entries(UNDO)) {
  const script = scripts[label];
  if (!script) continue;
  const steps = script.steps.filter((step) => !/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i.test(step.text));
  const enrolment = steps.find((step) => step.row?.enrolmentId)?.row.enrolmentId;
  const rows = [];
  await client.query('BEGIN');
  try {
    for (const text of undo) await client.query(text, [enrolment, script.lesson]);
    for (const step of steps) {
      // Twice: the first plans on a cold connection and is undone; the second, kept for the
      // statements after it, is what a pooled connection pays.
      await client.query('SAVEPOINT cold');
      await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${step.text}`, step.values);
      await client.query('ROLLBACK TO SAVEPOINT cold');
      const [
        {
          'QUERY PLAN': [plan],
        },
      ] = (await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${step.text}`, step.values)).rows;
      const top = plan.Plan;
      rows.push({
        statement: step.text.replace(/\s+/g, ' ').trim().slice(0, 60),
        'planning ms': plan['Planning Time'],
        'execution ms': plan['Execution Time'],
        'shared hit': top['Shared Hit Blocks'],
        'shared read': top['Shared Read Blocks'],
        dirtied: top['Shared Dirtied Blocks'],
        triggers: (plan.Triggers ?? []).map((t) => `${t['Trigger Name']} ${t.Time.toFixed(3)} ms × ${t.Calls}`).join(', '),
      });
    }
  } finally {
    await client.query('ROLLBACK');
  }
  console.log(`\n${label}: EXPLAIN (ANALYZE, BUFFERS), second run of each statement in the transaction`);
  console.table(rows);
}
await client.end();
