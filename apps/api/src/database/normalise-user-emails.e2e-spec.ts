import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createTestApp, createUser, type TestApp } from '../../test/test-app.js';
import { NormaliseUserEmails1797840000000 } from './migrations/1797840000000-normalise-user-emails.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(() => t.close());

describe('the migration that normalises stored addresses', () => {
  it('rewrites decomposed and full-width addresses, and reports rather than merges two accounts that collide', async () => {
    // As registration stored them before: trimmed and lower-cased only.
    const decomposed = await createUser(t.dataSource, { email: 'jose\u0301.migrated@example.org' });
    const fullWidth = await createUser(t.dataSource, { email: 'ｆｕｌｌ.migrated@example.org' });
    const composed = await createUser(t.dataSource, { email: 'ren\u00e9e.migrated@example.org' });
    const twin = await createUser(t.dataSource, { email: 'rene\u0301e.migrated@example.org' });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const runner = t.dataSource.createQueryRunner();
    try {
      await new NormaliseUserEmails1797840000000().up(runner);
    } finally {
      await runner.release();
    }
    const calls = warn.mock.calls.map(([message]) => String(message));
    warn.mockRestore();
    const emails = Object.fromEntries(
      (
        (await t.dataSource.query(`SELECT id, email FROM users WHERE email LIKE '%migrated@example.org'`)) as Array<{
          id: string;
          email: string;
        }>
      ).map((row) => [row.id, row.email]),
    );
    expect(emails[decomposed.id]).toBe('jos\u00e9.migrated@example.org');
    expect(emails[fullWidth.id]).toBe('full.migrated@example.org');
    expect(emails[composed.id]).toBe('ren\u00e9e.migrated@example.org');
    expect(emails[twin.id]).toBe('rene\u0301e.migrated@example.org');
    expect(calls).toHaveLength(1);
    const message = calls[0]!;
    expect(message).toContain(composed.id);
    expect(message).toContain(twin.id);
    expect(message).not.toContain('@');
  });
});
