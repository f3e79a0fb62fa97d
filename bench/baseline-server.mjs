// The baseline: a minimal node:http + pg server that answers each loaded endpoint (catalog list,
// course outline, certificate verification, lesson complete, quiz attempt) by running the very
// statements the API ran for one such request (bench/run.mjs records them in-process, RECORDED_SCRIPTS):
// in order, on one connection, transaction included, prepared where the API prepared them, with
// this request's ids; no framework, sessions, validation or logging. The bench loads it exactly as
// it loads the API; our figures are reported as ratios of its figures.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const scripts = JSON.parse(readFileSync(process.env.RECORDED_SCRIPTS, 'utf8'));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs a recorded request's statements again and answers the last statement's rows. `ids` maps the
 * recorded request's values to this one's: it starts with the session, the lesson or the
 * verification code, and learns the rest (user, enrolment, draw) by comparing each statement's
 * first row with the one recorded.
 */
async function replay(script, mapped) {
  const ids = new Map(mapped.filter(([recorded]) => recorded !== undefined));
  const client = await pool.connect();
  let rows = [];
  try {
    for (const step of script.steps) {
      const values = step.values?.map((value) => (typeof value === 'string' && ids.has(value) ? ids.get(value) : value));
      const result = await client.query(step.name ? { name: step.name, text: step.text, values } : { text: step.text, values });
      if (result.rows?.length) rows = result.rows;
      for (const [column, recorded] of Object.entries(step.row ?? {})) {
        const now = result.rows?.[0]?.[column];
        if (typeof recorded === 'string' && UUID.test(recorded) && typeof now === 'string' && now !== recorded) ids.set(recorded, now);
      }
    }
    return rows;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const sessionOf = (request) => {
  const cookie = request.headers.cookie ?? '';
  return decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1)).replace(/\.[^.]*$/, '');
};

function send(response, status, body) {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  response.end(json);
}

const server = http.createServer(async (request, response) => {
  try {
    const write = request.method === 'POST' && request.url.match(/^\/api\/lessons\/([0-9a-f-]{36})\/(complete|attempts)$/);
    if (write) {
      // The body is read as the API reads it (the recorded statements hold the recorded answers).
      for await (const chunk of request) void chunk;
      const script = scripts[write[2] === 'complete' ? 'lesson complete (write)' : 'quiz attempt (write)'];
      const rows = await replay(script, [
        [script.sid, sessionOf(request)],
        [script.lesson, write[1]],
      ]);
      return send(response, 200, rows[0]);
    }
    if (request.url === '/api/courses') return send(response, 200, { items: await replay(scripts['catalog list'], []) });
    if (request.url.startsWith('/api/courses/')) {
      const script = scripts['course outline (signed in)'];
      return send(response, 200, await replay(script, [[script.sid, sessionOf(request)]]));
    }
    const verify = request.url.match(/^\/api\/verify\/([A-Za-z0-9_-]{16,64})$/);
    if (verify) {
      const script = scripts['verification, max rate'];
      const [row] = await replay(script, [[script.code, verify[1]]]);
      return row ? send(response, 200, row) : send(response, 404, { message: 'not found' });
    }
    send(response, 404, { message: 'not found' });
  } catch (error) {
    send(response, 500, { message: String(error) });
  }
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
