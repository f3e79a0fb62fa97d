import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLES, type Role } from '@ctlp/contracts';

export const APP_CONFIG = Symbol('APP_CONFIG');

export type NodeEnv = 'production' | 'development' | 'test';

export interface AppConfig {
  env: NodeEnv;
  port: number;
  /** Absent: the platform runs its own embedded PostgreSQL under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  sessionSecret: string;
  /** Origin users reach the platform at; QR codes and the Origin check use it. */
  publicUrl: string;
  seedDemo: boolean;
  admin?: { email: string; password: string };
  /**
   * The reverse proxies in front of the API, whose X-Forwarded-For and -Proto are believed: how
   * many hops (0: none), or their addresses (IPs, CIDR ranges, `loopback`, `linklocal`, `uniquelocal`).
   */
  trustProxy: number | string[];
  /** Whether Swagger UI and the OpenAPI JSON are served at /api/docs (off in production unless API_DOCS=true). */
  apiDocs: boolean;
  logLevel: string;
  /** Directory of the built web app served beside the API; absent when not built. */
  webDist: string;
  database: DatabaseTimeouts;
  mail: MailSettings;
  /** Whether this process runs background jobs (mail, digests, clean-ups); off in tests, which run them by hand. */
  jobsWorker: boolean;
  /**
   * How long a vetter may undo an approval or rejection; the applicant's mail waits as long, so
   * an undone decision is never announced.
   */
  vettingUndoSeconds: number;
  /**
   * Days a rejected registration is kept after the decision (for the applicant's questions and
   * the focal point's records) before a daily job erases it like an erasure request would.
   */
  rejectedRegistrationRetentionDays: number;
  /**
   * Roles whose holders must sign in with TOTP (auth/mfa): until they set it up, only the routes
   * that set it up answer them. Never empty in production.
   */
  mfaRequiredRoles: Role[];
}

export interface MailSettings {
  /** smtp(s)://user:password@host:port; absent: messages are kept for admins at /admin/mail instead. */
  smtpUrl?: string;
  /** The sender, e.g. `CTLP <no-reply@learn.example.org>`. */
  from: string;
}

/** How long the API waits on the database before it answers 503 instead of hanging (milliseconds). */
export interface DatabaseTimeouts {
  /** To open a connection, or to get one from the pool when all are busy. */
  connectMs: number;
  /** Longest statement of an ordinary request (server side; the client gives up a little later). */
  statementMs: number;
  /** Longest wait for a row or table lock. */
  lockMs: number;
  /** A transaction left open doing nothing is ended by the server after this. */
  idleInTransactionMs: number;
  /** Longest statement of a report or an export. */
  reportMs: number;
  /** At start, how long to keep trying to reach the database before giving up. */
  startupWaitMs: number;
  /** On SIGTERM, how long in-flight requests may take to finish before the process exits anyway. */
  shutdownMs: number;
}

/** The defaults of DatabaseTimeouts; tests start from these. */
export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 5_000,
  statementMs: 10_000,
  lockMs: 5_000,
  idleInTransactionMs: 60_000,
  reportMs: 120_000,
  startupWaitMs: 60_000,
  shutdownMs: 25_000,
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');

function parseBoolean(name: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined || raw === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return fallback;
}

function parseInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number, problems: string[]): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

const PROXY_ADDRESS_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** One proxy address as proxy-addr (Fastify's trustProxy) takes it: an IP, a CIDR range or a named range. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_ADDRESS_NAMES.includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d{1,3}$/.test(bits) && prefix <= (version === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: a hop count, or the proxies' addresses. Never "trust everyone" (`true`): then any
 * client could name its own address in X-Forwarded-For and escape every per-address limit.
 */
function parseTrustProxy(raw: string | undefined, problems: string[]): number | string[] {
  const value = raw?.trim() ?? '';
  if (value === '' || /^\d+$/.test(value)) return parseInteger('TRUST_PROXY', value, 0, 0, 10, problems);
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isProxyAddress(entry));
  if (bad.length > 0) {
    problems.push(
      `TRUST_PROXY must be a number of proxy hops (0 to 10) or a comma-separated list of proxy addresses (IPs, CIDR ranges, loopback, linklocal, uniquelocal); not ${bad.map((entry) => `"${entry}"`).join(', ')}`,
    );
    return 0;
  }
  return entries;
}

/**
 * In development the session secret is generated once and kept in the data folder, so sessions
 * survive restarts without anyone having to invent a secret. Production must set its own.
 */
function developmentSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

/** Reads and validates the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnv = (env.NODE_ENV ?? 'development') as NodeEnv;
  if (!['production', 'development', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be production, development or test (got "${env.NODE_ENV}")`);
  }
  const production = nodeEnv === 'production';

  const port = parseInteger('PORT', env.PORT, 3000, 1, 65535, problems);
  const dataDir = path.resolve(env.DATA_DIR || path.join(REPO_ROOT, '.data'));

  let databaseUrl: string | undefined;
  if (env.DATABASE_URL) {
    try {
      const url = new URL(env.DATABASE_URL);
      if (!['postgres:', 'postgresql:'].includes(url.protocol)) throw new Error('protocol');
      databaseUrl = env.DATABASE_URL;
    } catch {
      problems.push('DATABASE_URL must be a postgres:// URL, e.g. postgres://user:password@host:5432/ctlp');
    }
  }

  let publicUrl = `http://localhost:${port}`;
  if (env.PUBLIC_URL) {
    try {
      const url = new URL(env.PUBLIC_URL);
      if (!['http:', 'https:'].includes(url.protocol)) throw new Error('protocol');
      publicUrl = url.origin;
    } catch {
      problems.push(`PUBLIC_URL must be an http(s) URL such as https://learn.example.org (got "${env.PUBLIC_URL}")`);
    }
  } else if (production) {
    problems.push('PUBLIC_URL is required in production (the address users open, e.g. https://learn.example.org)');
  }

  let sessionSecret = env.SESSION_SECRET ?? '';
  if (sessionSecret) {
    if (sessionSecret.length < 32) problems.push('SESSION_SECRET must be at least 32 characters');
  } else if (production) {
    problems.push('SESSION_SECRET is required in production (at least 32 random characters)');
  } else if (problems.length === 0) {
    sessionSecret = developmentSessionSecret(dataDir);
  }

  const seedDemo = parseBoolean('SEED_DEMO', env.SEED_DEMO, !production, problems);
  // The demo accounts' password is printed in the README: never on a real platform.
  if (seedDemo && production) problems.push('SEED_DEMO=true is refused in production: the demo accounts have a published password');
  const apiDocs = parseBoolean('API_DOCS', env.API_DOCS, !production, problems);

  let admin: AppConfig['admin'];
  const adminEmail = env.ADMIN_EMAIL?.trim();
  const adminPassword = env.ADMIN_PASSWORD;
  if (adminEmail || adminPassword) {
    if (!adminEmail || !adminPassword) {
      problems.push('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither');
    } else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) {
      problems.push(`ADMIN_EMAIL is not an email address (got "${adminEmail}")`);
    } else if (adminPassword.length < PASSWORD_MIN_LENGTH || adminPassword.length > PASSWORD_MAX_LENGTH) {
      problems.push(`ADMIN_PASSWORD must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`);
    } else {
      admin = { email: adminEmail.toLowerCase(), password: adminPassword };
    }
  }

  const trustProxy = parseTrustProxy(env.TRUST_PROXY, problems);
  const logLevel = env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`);
  }

  const defaults = DEFAULT_DATABASE_TIMEOUTS;
  const database: DatabaseTimeouts = {
    connectMs: parseInteger('DB_CONNECT_TIMEOUT_MS', env.DB_CONNECT_TIMEOUT_MS, defaults.connectMs, 100, 600_000, problems),
    statementMs: parseInteger('DB_STATEMENT_TIMEOUT_MS', env.DB_STATEMENT_TIMEOUT_MS, defaults.statementMs, 100, 3_600_000, problems),
    lockMs: parseInteger('DB_LOCK_TIMEOUT_MS', env.DB_LOCK_TIMEOUT_MS, defaults.lockMs, 100, 3_600_000, problems),
    idleInTransactionMs: parseInteger(
      'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS',
      env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      defaults.idleInTransactionMs,
      1_000,
      3_600_000,
      problems,
    ),
    reportMs: parseInteger('DB_REPORT_TIMEOUT_MS', env.DB_REPORT_TIMEOUT_MS, defaults.reportMs, 1_000, 3_600_000, problems),
    startupWaitMs: parseInteger('DB_STARTUP_WAIT_MS', env.DB_STARTUP_WAIT_MS, defaults.startupWaitMs, 0, 3_600_000, problems),
    shutdownMs: parseInteger('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, defaults.shutdownMs, 0, 600_000, problems),
  };

  let smtpUrl: string | undefined;
  if (env.SMTP_URL) {
    try {
      const url = new URL(env.SMTP_URL);
      if (!['smtp:', 'smtps:'].includes(url.protocol)) throw new Error('protocol');
      smtpUrl = env.SMTP_URL;
    } catch {
      problems.push('SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.org:587');
    }
  }
  const mailFrom = env.MAIL_FROM || `CTLP <no-reply@${new URL(publicUrl).hostname}>`;
  const jobsWorker = parseBoolean('JOBS_WORKER', env.JOBS_WORKER, nodeEnv !== 'test', problems);
  const vettingUndoSeconds = parseInteger('VETTING_UNDO_SECONDS', env.VETTING_UNDO_SECONDS, 60, 0, 3_600, problems);
  const rejectedRegistrationRetentionDays = parseInteger(
    'REJECTED_REGISTRATION_RETENTION_DAYS',
    env.REJECTED_REGISTRATION_RETENTION_DAYS,
    180,
    1,
    3_650,
    problems,
  );

  const mfaRequiredRoles = parseMfaRequiredRoles(env.MFA_REQUIRED_ROLES, production, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    env: nodeEnv,
    port,
    databaseUrl,
    dataDir,
    sessionSecret,
    publicUrl,
    seedDemo,
    admin,
    trustProxy,
    apiDocs,
    logLevel,
    webDist: path.resolve(env.WEB_DIST || path.join(REPO_ROOT, 'apps/web/dist')),
    database,
    mail: { smtpUrl, from: mailFrom },
    jobsWorker,
    vettingUndoSeconds,
    rejectedRegistrationRetentionDays,
    mfaRequiredRoles,
  };
}

/** MFA_REQUIRED_ROLES: comma-separated roles, `admin,focal_point` when unset; empty only outside production. */
function parseMfaRequiredRoles(raw: string | undefined, production: boolean, problems: string[]): Role[] {
  const names = (raw ?? 'admin,focal_point')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(ROLES as readonly string[]).includes(name));
  if (unknown.length) problems.push(`MFA_REQUIRED_ROLES may name only ${ROLES.join(', ')} (got "${unknown.join(', ')}")`);
  if (names.length === 0 && production) {
    problems.push('MFA_REQUIRED_ROLES must not be empty in production: the powerful roles (admin, focal_point) sign in with TOTP');
  }
  return [...new Set(names.filter((name): name is Role => (ROLES as readonly string[]).includes(name)))];
}
