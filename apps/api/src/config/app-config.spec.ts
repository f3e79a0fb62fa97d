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
    expect(loadConfig({ ...production, SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });
});
