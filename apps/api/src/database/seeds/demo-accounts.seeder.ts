import { readFileSync } from 'node:fs';
import path from 'node:path';
import { In, type EntityManager } from 'typeorm';
import type { AgencyType, Gender, Locale, Role, UserStatus } from '@ctlp/contracts';
import { hashPassword } from '../../auth/passwords.js';
import { UserEntity } from '../../users/user.entity.js';

export const DEMO_ACCOUNTS_FILE = path.resolve(import.meta.dirname, '../../../../../seeds/demo/accounts.json');

export interface DemoAccounts {
  password: string;
  accounts: Array<{
    email: string;
    fullName: string;
    memberState: string;
    institution: string;
    agencyType: AgencyType;
    jobTitle: string;
    gender: Gender;
    locale: Locale;
    roles: Role[];
    status: UserStatus;
  }>;
}

export function readDemoAccounts(): DemoAccounts {
  return JSON.parse(readFileSync(DEMO_ACCOUNTS_FILE, 'utf8')) as DemoAccounts;
}

/** Creates the demo accounts that are missing; existing ones, even if changed since, are left alone. */
export async function seedDemoAccounts(manager: EntityManager): Promise<number> {
  const demo = readDemoAccounts();
  const existing = new Set(
    (
      await manager.getRepository(UserEntity).find({
        select: { email: true },
        where: { email: In(demo.accounts.map((account) => account.email)) },
      })
    ).map((user) => user.email),
  );
  const missing = demo.accounts.filter((account) => !existing.has(account.email));
  if (missing.length === 0) return 0;
  const passwordHash = await hashPassword(demo.password);
  await manager
    .createQueryBuilder()
    .insert()
    .into(UserEntity)
    .values(missing.map((account) => ({ ...account, passwordHash })))
    .orIgnore()
    .execute();
  return missing.length;
}
