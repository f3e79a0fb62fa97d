// The baseline: a minimal node:http + pg server running the same SQL as the API's catalog list
// and certificate verification, with no framework, sessions, validation or logging; and for lesson
// complete and quiz attempt, the very statements the API ran for one such request (bench/run.mjs
// records them, WRITE_SCRIPTS) replayed in order on one connection, transaction included, with this
// request's ids. The bench loads it exactly as it loads the API; our figures are reported as ratios
// of its figures.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const CATALOG = `SELECT c.id, c.slug, c.title, c.summary, c.language, c.topics, c.estimated_minutes, c.enrolment_policy, c.status, c.published_at
  FROM courses c
 WHERE c.status = 'published' AND cardinality(c.audience_member_states) = 0 AND cardinality(c.audience_agency_types) = 0
 ORDER BY c.published_at DESC, c.id LIMIT 20`;
const CATALOG_COUNT = `SELECT count(*)::int AS total FROM courses c
 WHERE c.status = 'published' AND cardinality(c.audience_member_states) = 0 AND cardinality(c.audience_agency_types) = 0`;
const VERIFY = `SELECT c.holder_name, c.course_title, c.issued_at, c.expires_at, c.revoked_at FROM certificates c WHERE c.verification_code = $1`;

const scripts = process.env.WRITE_SCRIPTS ? JSON.parse(readFileSync(process.env.WRITE_SCRIPTS, 'utf8')) : {};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs a recorded request's statements again. `ids` maps the recorded request's ids to this one's:
 * it starts with the session and the lesson, and learns the rest (user, enrolment, draw) by
 * comparing each statement's first row with the one recorded.
 */
async function replay(script, sid, lesson) {
  const ids = new Map([
    [script.sid, sid],
    [script.lesson, lesson],
  ]);
  const client = await pool.connect();
  let row;
  try {
    for (const step of script.steps) {
      const values = step.values?.map((value) => (typeof value === 'string' && ids.has(value) ? ids.get(value) : value));
      const result = await client.query(step.text, values);
      row = result.rows?.[0] ?? row;
      for (const [column, recorded] of Object.entries(step.row ?? {})) {
        const now = row?.[column];
        if (typeof recorded === 'string' && UUID.test(recorded) && typeof now === 'string' && now !== recorded) ids.set(recorded, now);
      }
    }
    return row;
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
      return send(response, 200, await replay(script, sessionOf(request), write[1]));
    }
    if (request.url.startsWith('/api/courses')) {
      const [items, count] = await Promise.all([pool.query(CATALOG), pool.query(CATALOG_COUNT)]);
      return send(response, 200, { items: items.rows, total: count.rows[0].total });
    }
    const verify = request.url.match(/^\/api\/verify\/([A-Za-z0-9_-]{16,64})$/);
    if (verify) {
      const { rows } = await pool.query(VERIFY, [verify[1]]);
      if (!rows[0]) return send(response, 404, { message: 'not found' });
      const row = rows[0];
      const status = row.revoked_at ? 'revoked' : row.expires_at && row.expires_at <= new Date() ? 'expired' : 'valid';
      return send(response, 200, {
        status,
        holderName: row.holder_name,
        courseTitle: row.course_title,
        issuedAt: row.issued_at,
        expiresAt: row.expires_at,
        revokedAt: row.revoked_at,
      });
    }
    send(response, 404, { message: 'not found' });
  } catch (error) {
    send(response, 500, { message: String(error) });
  }
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
