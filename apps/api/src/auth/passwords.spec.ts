import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from '@jest/globals';
import { DEMO_ACCOUNTS_FILE } from '../database/seeds/demo-accounts.seeder.js';
import { allowDemoPassphrase, concurrencyLimit, DEMO_PASSPHRASE, hashPassword, passwordProblem, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('runs at most two hashes at once, the rest in order, and frees the slot of one that failed', async () => {
    const slot = concurrencyLimit(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (n: number) => async () => {
      started.push(n);
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (n === 1) throw new Error('failed');
      return n;
    };
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((n) => slot(task(n))));
    expect(most).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5, 6]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual(['failed', 2, 3, 4, 5, 6]);
    // Many verifications at once all come back, right or wrong.
    const hash = await hashPassword('a long passphrase of my own');
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => verifyPassword(hash, i % 2 ? 'a long passphrase of my own' : 'wrong')),
    );
    expect(answers).toEqual([false, true, false, true, false, true]);
  });

  it('hashes with argon2id at OWASP’s parameters and verifies', async () => {
    const hash = await hashPassword('a long passphrase of my own');
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(hash.split('$')[3]!.split(',').sort()).toEqual(['m=19456', 'p=1', 't=2']);
    expect(await verifyPassword(hash, 'a long passphrase of my own')).toBe(true);
    expect(await verifyPassword(hash, 'a long passphrase of my owN')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });

  it.each([
    ['short', 'password_too_short'],
    ['x'.repeat(129), 'password_too_long'],
    ['123qweasdzxc', 'password_too_common'],
    ['1q2w3e4r5t6y', 'password_too_common'],
    ['Password123456!', 'password_too_common'],
    ['aaaaaaaaaaaaaaaa', 'password_too_common'],
    // Keyboard walks on the layouts zxcvbn knows, and common passwords with a few changes.
    ['qwertyuiopas', 'password_too_common'],
    ['zxcvbnmasdfg', 'password_too_common'],
    ['azertyuiopqs', 'password_too_common'],
    ['1qaz2wsx3edc', 'password_too_common'],
    ['iloveyou2024!', 'password_too_common'],
    ['P@ssw0rd12345', 'password_too_common'],
  ])('refuses %j as %s', async (password, code) => {
    expect((await passwordProblem(password))?.code).toBe(code);
  });

  it('refuses a password built from the email address or holding the name', async () => {
    const owner = { email: 'nadia.rahman@example.org', fullName: 'Nadia Rahman' };
    expect(await passwordProblem('nadia.rahman2024', { email: 'nadia.rahman@example.org' })).toEqual({ code: 'password_like_email' });
    expect(await passwordProblem('my address is nadia.rahman', owner)).toEqual({ code: 'password_like_email' });
    expect(await passwordProblem('Nadia-Rahman-2024', { email: 'n.r@example.org', fullName: 'Nadia Rahman' })).toEqual({
      code: 'password_like_name',
    });
    expect(await passwordProblem('rahman1234567', { email: 'n.r@example.org', fullName: 'Nadia Rahman' })).toEqual({
      code: 'password_like_name',
    });
    expect(await passwordProblem('Ngong hills at dawn', owner)).toBeUndefined();
  });

  describe('the demo passphrase', () => {
    afterEach(() => allowDemoPassphrase(false));

    it('is the one the demo accounts are seeded with', () => {
      expect((JSON.parse(readFileSync(DEMO_ACCOUNTS_FILE, 'utf8')) as { password: string }).password).toBe(DEMO_PASSPHRASE);
    });

    it('is refused outside demo mode, in any case or spacing', async () => {
      expect(await passwordProblem(DEMO_PASSPHRASE)).toEqual({ code: 'password_too_common' });
      expect(await passwordProblem('CTLP demo passphrase')).toEqual({ code: 'password_too_common' });
      allowDemoPassphrase(true);
      expect(await passwordProblem(DEMO_PASSPHRASE)).toBeUndefined();
    });
  });

  it('scores only the first 64 characters, so a long password is checked quickly', async () => {
    const started = performance.now();
    expect(await passwordProblem('ab1!'.repeat(32))).toEqual({ code: 'password_too_common' });
    expect(await passwordProblem('a long passphrase of my own, '.repeat(4).slice(0, 128))).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it.each([
    'a long passphrase of my own',
    'Ngong hills at dawn',
    '東京の夜は長い道のりです',
    'correct horse battery staple',
    'мой пароль из четырёх слов',
  ])('accepts %j, with no composition rules', async (password) => {
    expect(await passwordProblem(password)).toBeUndefined();
  });
});
