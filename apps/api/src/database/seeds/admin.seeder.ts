import type { EntityManager } from 'typeorm';
import { hashPassword, passwordProblem, verifyPassword } from '../../auth/passwords.js';
import { normaliseEmail } from '../../common/emails.js';
import { UserEntity } from '../../users/user.entity.js';

/** The administrative home of the first admin until someone edits it. */
const ADMIN_DEFAULTS = {
  fullName: 'Platform administrator',
  memberState: 'AUT',
  institution: 'CTLP',
  agencyType: 'international_organization',
  jobTitle: 'Administrator',
  gender: 'undisclosed',
  locale: 'en',
} as const;

/**
 * ADMIN_EMAIL + ADMIN_PASSWORD: after start that account exists, is active, holds the admin role
 * and has that password. The hash is rewritten only when the password changed.
 */
export async function ensureAdmin(
  manager: EntityManager,
  admin: { email: string; password: string },
): Promise<'created' | 'updated' | 'unchanged'> {
  // The same rules as any password an official chooses: an admin account is the one most worth guessing.
  const problem = await passwordProblem(admin.password, { email: admin.email, fullName: ADMIN_DEFAULTS.fullName });
  if (problem) throw new Error(`ADMIN_PASSWORD is refused (${problem.code}): choose a longer passphrase of your own`);
  admin = { ...admin, email: normaliseEmail(admin.email) };
  const users = manager.getRepository(UserEntity);
  const user = await users
    .createQueryBuilder('user')
    .addSelect('user.passwordHash')
    .where('user.email = :email', { email: admin.email })
    .getOne();
  if (!user) {
    await users.insert({
      ...ADMIN_DEFAULTS,
      email: admin.email,
      passwordHash: await hashPassword(admin.password),
      roles: ['admin'],
      status: 'active',
    });
    return 'created';
  }
  const passwordMatches = await verifyPassword(user.passwordHash, admin.password);
  if (passwordMatches && user.status === 'active' && user.roles.includes('admin')) return 'unchanged';
  await users.update(user.id, {
    status: 'active',
    roles: user.roles.includes('admin') ? user.roles : [...user.roles, 'admin'],
    ...(passwordMatches ? {} : { passwordHash: await hashPassword(admin.password) }),
  });
  return 'updated';
}
