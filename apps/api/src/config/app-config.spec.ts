import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

const production = {
  NODE_ENV: 'production',
  SESSION_SECRET: 's'.repeat(40),
  PUBLIC_URL: 'https://learn.example.org/',
  DATABASE_URL: 'postgres://ctlp:pw@db:5432/ctlp',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('accepts a complete production environment and normalises the public URL to its origin', () => {
    const config = loadConfig(production);
    expect(config).toMatchObject({ env: 'production', port: 3000, publicUrl: 'https://learn.example.org', seedDemo: false });
  });

  it('refuses to start in production without a session secret or public URL, naming both', () => {
    const found = problems({ NODE_ENV: 'production' });
    expect(found.join('\n')).toMatch(/SESSION_SECRET/);
    expect(found.join('\n')).toMatch(/PUBLIC_URL/);
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['PORT', '70000', /PORT/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL/],
    ['PUBLIC_URL', 'ftp://x', /PUBLIC_URL/],
    ['SESSION_SECRET', 'short', /SESSION_SECRET/],
    ['SEED_DEMO', 'maybe', /SEED_DEMO/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['REJECTED_REGISTRATION_RETENTION_DAYS', '0', /REJECTED_REGISTRATION_RETENTION_DAYS/],
    ['REJECTED_REGISTRATION_RETENTION_DAYS', 'half a year', /REJECTED_REGISTRATION_RETENTION_DAYS/],
  ])('refuses a malformed %s (%s)', (name, value, message) => {
    expect(problems({ ...production, [name]: value }).join('\n')).toMatch(message);
  });

  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(problems({ ...production, ADMIN_EMAIL: 'root@example.org' }).join('\n')).toMatch(/go together/);
    expect(problems({ ...production, ADMIN_EMAIL: 'root@example.org', ADMIN_PASSWORD: 'short' }).join('\n')).toMatch(/ADMIN_PASSWORD/);
    expect(loadConfig({ ...production, ADMIN_EMAIL: 'Root@Example.org', ADMIN_PASSWORD: 'a long admin passphrase' }).admin).toEqual({
      email: 'root@example.org',
      password: 'a long admin passphrase',
    });
  });

  it('keeps rejected registrations 180 days unless told otherwise', () => {
    expect(loadConfig(production).rejectedRegistrationRetentionDays).toBe(180);
    expect(loadConfig({ ...production, REJECTED_REGISTRATION_RETENTION_DAYS: '30' }).rejectedRegistrationRetentionDays).toBe(30);
  });

  it('seeds demo data by default outside production only', () => {
    expect(loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 's'.repeat(32) }).seedDemo).toBe(true);
    expect(loadConfig(production).seedDemo).toBe(false);
  });

  it('refuses demo data in production: its admin has a published password', () => {
    expect(problems({ ...production, SEED_DEMO: 'true' }).join('\n')).toMatch(/SEED_DEMO.*production/);
    expect(loadConfig({ ...production, SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });

  it('serves the API docs outside production, and in production only when API_DOCS=true', () => {
    expect(loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 's'.repeat(32) }).apiDocs).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', SESSION_SECRET: 's'.repeat(32), API_DOCS: 'false' }).apiDocs).toBe(false);
    expect(loadConfig(production).apiDocs).toBe(false);
    expect(loadConfig({ ...production, API_DOCS: 'true' }).apiDocs).toBe(true);
    expect(problems({ ...production, API_DOCS: 'sometimes' }).join('\n')).toMatch(/API_DOCS/);
  });

  it('takes TRUST_PROXY as a number of hops or as the addresses of the proxies', () => {
    expect(loadConfig(production).trustProxy).toBe(0);
    expect(loadConfig({ ...production, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ...production, TRUST_PROXY: ' loopback, 10.0.0.0/8 ,172.16.0.1, fd00::/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '172.16.0.1',
      'fd00::/8',
    ]);
  });

  it.each(['true', '-1', '11', '10.0.0.0/33', 'proxy.example.org', '10.0.0.1,', '300.1.1.1'])('refuses TRUST_PROXY=%s', (value) => {
    expect(problems({ ...production, TRUST_PROXY: value }).join('\n')).toMatch(/TRUST_PROXY/);
  });

  it('requires MFA of admins and focal points by default, and refuses an empty MFA_REQUIRED_ROLES in production', () => {
    expect(loadConfig(production).mfaRequiredRoles).toEqual(['admin', 'focal_point']);
    expect(problems({ ...production, MFA_REQUIRED_ROLES: '' }).join('\n')).toMatch(/MFA_REQUIRED_ROLES must not be empty in production/);
    expect(problems({ ...production, MFA_REQUIRED_ROLES: ' , ' }).join('\n')).toMatch(/MFA_REQUIRED_ROLES must not be empty/);
    expect(problems({ ...production, MFA_REQUIRED_ROLES: 'admin,root' }).join('\n')).toMatch(/MFA_REQUIRED_ROLES may name only .*"root"/);
    expect(loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 's'.repeat(32), MFA_REQUIRED_ROLES: '' }).mfaRequiredRoles).toEqual([]);
    expect(loadConfig({ ...production, MFA_REQUIRED_ROLES: 'admin' }).mfaRequiredRoles).toEqual(['admin']);
  });
});
