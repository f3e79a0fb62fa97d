import { describe, expect, it } from '@jest/globals';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

describe('passwords', () => {
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
  ])('refuses %j as %s', (password, code) => {
    expect(passwordProblem(password)?.code).toBe(code);
  });

  it('refuses a password built from the email address', () => {
    expect(passwordProblem('nadia.rahman2024', 'nadia.rahman@example.org')).toEqual({ code: 'password_like_email' });
  });

  it.each(['a long passphrase of my own', 'Ngong hills at dawn', '東京の夜は長い道のりです'])(
    'accepts %j, with no composition rules',
    (password) => {
      expect(passwordProblem(password)).toBeUndefined();
    },
  );
});
