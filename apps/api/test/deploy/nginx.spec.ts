import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { securityHeaderValues } from '../../src/common/security-headers.js';
import { createTestApp, createUser, TEST_PASSWORD, type TestApp } from '../test-app.js';

// The production shape's web tier (deploy/nginx.conf): read and checked always, and run for real
// in front of the API when nginx is installed (.ci/run installs it).
const ROOT = path.resolve(import.meta.dirname, '../../../..');
const NGINX_CONF = readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8');
const HEADERS_CONF = readFileSync(path.join(ROOT, 'deploy/security-headers.conf'), 'utf8');
const HEADERS_INCLUDE = '/etc/nginx/ctlp-security-headers.conf';

/** Directives of a config text, comments dropped: `location /x/ {` … `}` blocks by their path. */
function locations(conf: string): Map<string, string> {
  const text = conf.replace(/#[^\n]*/g, '');
  const found = new Map<string, string>();
  for (const match of text.matchAll(/location\s+(?:[=~]\s+)?([^\s{]+)\s*\{([^}]*)\}/g)) found.set(match[1]!, match[2]!);
  return found;
}

function addedHeaders(conf: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const match of conf.replace(/#[^\n]*/g, '').matchAll(/add_header\s+([\w-]+)\s+"([^"]*)"\s+always\s*;/g)) {
    headers[match[1]!.toLowerCase()] = match[2]!;
  }
  return headers;
}

/** The pages the API renders (apps/api/src/web-app/): proxied like /api/. */
const PUBLIC_PAGES = '^/(courses(/[^/]+)?|verify/[^/]+)?$';

describe('deploy/nginx.conf, read', () => {
  it('adds the API’s security headers, with the API’s values, to every location that serves files itself', () => {
    expect(addedHeaders(HEADERS_CONF)).toEqual(securityHeaderValues(true));
    const found = locations(NGINX_CONF);
    expect([...found.keys()].sort()).toEqual(['/', '/api/', '/assets/', PUBLIC_PAGES]);
    for (const [where, body] of found) {
      if (where === '/api/' || where === PUBLIC_PAGES) {
        // Proxied: the API's own headers pass through, not doubled.
        expect(body).not.toMatch(/add_header|include/);
      } else {
        expect({ where, includes: body.includes(`include ${HEADERS_INCLUDE};`) }).toEqual({ where, includes: true });
      }
    }
    // A server-level add_header would double the API's headers on /api/ and vanish elsewhere.
    expect(NGINX_CONF.replace(/#[^\n]*/g, '').replace(/location\s+(?:[=~]\s+)?[^\s{]+\s*\{[^}]*\}/g, '')).not.toMatch(/add_header/);
  });

  it('hides its version and passes the browser’s scheme on to the API', () => {
    expect(NGINX_CONF).toMatch(/^\s*server_tokens off;/m);
    expect(locations(NGINX_CONF).get('/api/')).toMatch(/proxy_set_header X-Forwarded-Proto \$ctlp_forwarded_proto;/);
    expect(NGINX_CONF).toMatch(
      /map \$http_x_forwarded_proto \$ctlp_forwarded_proto \{\s*default \$http_x_forwarded_proto;\s*'' \$scheme;\s*\}/,
    );
  });

  it('is copied into the web image together with its headers file', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/COPY deploy\/nginx\.conf \/etc\/nginx\/conf\.d\/default\.conf/);
    expect(dockerfile).toContain(`COPY deploy/security-headers.conf ${HEADERS_INCLUDE}`);
  });
});

function findNginx(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) if (existsSync(candidate)) return candidate;
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() || undefined : undefined;
}

const NGINX = findNginx();
if (!NGINX) console.warn('deploy/nginx.conf is not run for real: nginx is not installed (apt-get install nginx; .ci/run does).');

/** The built web app, or a stand-in of the same shape when it has not been built. */
function webRoot(work: string): { root: string; asset: string } {
  const built = path.join(ROOT, 'apps/web/dist');
  if (existsSync(path.join(built, 'index.html'))) {
    const asset = readdirSync(path.join(built, 'assets')).find((name) => name.endsWith('.js'))!;
    return { root: built, asset: `/assets/${asset}` };
  }
  const root = path.join(work, 'html');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>CTLP</title><div id="root"></div>');
  writeFileSync(path.join(root, 'assets/index-stand-in.js'), 'export {};\n');
  return { root, asset: '/assets/index-stand-in.js' };
}

async function waitForPort(url: string, nginx: ChildProcess, log: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited: ${readFileSync(log, 'utf8')}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`nginx did not answer at ${url}`);
}

(NGINX ? describe : describe.skip)('deploy/nginx.conf, run in front of the API', () => {
  let t: TestApp;
  let nginx: ChildProcess;
  let work: string;
  let base: string;
  let asset: string;

  beforeAll(async () => {
    // As in production, behind nginx and a TLS proxy (this test plays the TLS proxy).
    t = await createTestApp({ env: 'production', trustProxy: 2, publicUrl: 'https://learn.example.org' });
    await t.app.listen(0, '127.0.0.1');
    const apiPort = (t.app.getHttpServer().address() as AddressInfo).port;

    work = mkdtempSync(path.join(tmpdir(), 'ctlp-nginx-'));
    const web = webRoot(work);
    asset = web.asset;
    const nginxPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    base = `http://127.0.0.1:${nginxPort}`;
    writeFileSync(path.join(work, 'security-headers.conf'), HEADERS_CONF);
    const site = NGINX_CONF.replace('server api:3000;', `server 127.0.0.1:${apiPort};`)
      .replace('listen 80;', `listen 127.0.0.1:${nginxPort};`)
      .replace('root /usr/share/nginx/html;', `root ${web.root};`)
      .replaceAll(HEADERS_INCLUDE, path.join(work, 'security-headers.conf'));
    expect(site).not.toContain('api:3000');
    writeFileSync(path.join(work, 'site.conf'), site);
    const mime = existsSync('/etc/nginx/mime.types')
      ? 'include /etc/nginx/mime.types;'
      : 'types { text/html html; text/css css; application/javascript js; }';
    const temp = (name: string) => `${name}_temp_path ${path.join(work, name)};`;
    writeFileSync(
      path.join(work, 'nginx.conf'),
      [
        'daemon off;',
        'master_process off;',
        `pid ${path.join(work, 'nginx.pid')};`,
        `error_log ${path.join(work, 'error.log')} warn;`,
        'events { worker_connections 64; }',
        `http { ${mime} default_type application/octet-stream; access_log off;`,
        ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join(' '),
        `include ${path.join(work, 'site.conf')}; }`,
      ].join('\n'),
    );
    const log = path.join(work, 'error.log');
    nginx = spawn(NGINX!, ['-p', work, '-c', path.join(work, 'nginx.conf'), '-e', log], { stdio: 'ignore' });
    await waitForPort(base, nginx, log);
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await exited;
    }
    await t?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it.each([['/'], ['/admin/users'], ['asset'], ['/assets/missing.js'], ['/api/health']])(
    'sends every security header on %s, and no nginx version',
    async (where) => {
      const response = await fetch(base + (where === 'asset' ? asset : where));
      expect(response.status).toBe(where === '/assets/missing.js' ? 404 : 200);
      for (const [name, value] of Object.entries(securityHeaderValues(true))) {
        expect({ name, value: response.headers.get(name) }).toEqual({ name, value });
      }
      expect(response.headers.get('server') ?? '').not.toMatch(/\d/);
      if (where === 'asset') expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      if (where === '/admin/users') expect(await response.text()).toMatch(/<div id="root">/);
    },
  );

  it('signs in with a Secure cookie behind TLS, from the real client address', async () => {
    const user = await createUser(t.dataSource);
    const login = (headers: Record<string, string>) =>
      fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.44', ...headers },
        body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
      });
    const behindTls = await login({ 'x-forwarded-proto': 'https' });
    expect(behindTls.status).toBe(200);
    expect(behindTls.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const [session] = await t.dataSource.query(`SELECT address FROM user_sessions WHERE user_id = $1`, [user.id]);
    expect(session.address).toBe('203.0.113.44');
    // Plain http to nginx itself: the Secure cookie is not sent over it.
    expect((await login({})).headers.get('set-cookie')).toBeNull();
  });
});
