import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config.js';
import { ensureAdmin } from './admin.seeder.js';
import { seedDemoAccounts } from './demo-accounts.seeder.js';
import { seedDemoCourses } from './demo-courses.seeder.js';
import { seedMemberStates } from './member-states.seeder.js';

export interface SeedReport {
  memberStates: number;
  demoAccountsCreated: number;
  demoCoursesCreated: number;
  admin?: 'created' | 'updated' | 'unchanged';
}

/** Every seeder, in order, in one transaction; each is idempotent. */
export async function runSeeds(dataSource: DataSource, config: Pick<AppConfig, 'seedDemo' | 'admin'>): Promise<SeedReport> {
  return dataSource.transaction(async (manager) => {
    const report: SeedReport = { memberStates: await seedMemberStates(manager), demoAccountsCreated: 0, demoCoursesCreated: 0 };
    if (config.seedDemo) {
      report.demoAccountsCreated = await seedDemoAccounts(manager);
      report.demoCoursesCreated = await seedDemoCourses(manager);
    }
    if (config.admin) report.admin = await ensureAdmin(manager, config.admin);
    return report;
  });
}
