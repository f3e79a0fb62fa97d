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

  it.each(['short', 'x'.repeat(129), '123qweasdzxc', '1q2w3e4r5t6y', 'Password123456!', 'aaaaaaaaaaaaaaaa'])('refuses %j', (password) => {
    expect(passwordProblem(password)).toEqual(expect.any(String));
  });

  it('refuses a password built from the email address', () => {
    expect(passwordProblem('nadia.rahman2024', 'nadia.rahman@example.org')).toMatch(/email/);
  });

  it.each(['a long passphrase of my own', 'Ngong hills at dawn', '東京の夜は長い道のりです'])('accepts %j, with no composition rules', (password) => {
    expect(passwordProblem(password)).toBeUndefined();
  });
});
