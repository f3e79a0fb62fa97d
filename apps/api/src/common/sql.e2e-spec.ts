import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { testDatabaseUrl } from '../../test/test-app.js';
import { createDataSource } from '../database/data-source.js';
import { query, sql } from './sql.js';

describe('query()', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    // One connection: what one statement prepared is what the next one finds.
    dataSource = await createDataSource(await testDatabaseUrl(), { poolSize: 1 }).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  /** The named statements this connection holds, by their text. */
  const prepared = async (manager: EntityManager) =>
    query<{ statement: string }>(manager, sql`SELECT statement FROM pg_prepared_statements WHERE name LIKE 'ctlp\_%'`);

  it('prepares a statement once on its connection and runs it again with other values', async () => {
    const marker = `prepared-${Date.now()}`;
    const read = (value: number) => sql`SELECT ${value}::int + 1 AS next, ${marker}::text AS marker`;
    expect(await query(dataSource.manager, read(1))).toEqual([{ next: 2, marker }]);
    expect(await query(dataSource.manager, read(41))).toEqual([{ next: 42, marker }]);
    const held = (await prepared(dataSource.manager)).filter((row) => row.statement === read(0).text);
    expect(held).toHaveLength(1);
  });

  it("runs in a transaction on the transaction's connection, and a rollback takes its writes back", async () => {
    await dataSource.query(`CREATE TEMP TABLE IF NOT EXISTS sql_spec (n int)`);
    await dataSource
      .transaction(async (manager) => {
        await query(manager, sql`INSERT INTO sql_spec (n) VALUES (${7})`);
        expect(await query(manager, sql`SELECT n FROM sql_spec`)).toEqual([{ n: 7 }]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await query(dataSource.manager, sql`SELECT n FROM sql_spec`)).toEqual([]);
  });

  it('returns the rows of UPDATE … RETURNING, and fails as TypeORM does, with the statement', async () => {
    await dataSource.query(`CREATE TEMP TABLE IF NOT EXISTS sql_spec_update (n int)`);
    await query(dataSource.manager, sql`INSERT INTO sql_spec_update (n) VALUES (${1}), (${2})`);
    expect(await query(dataSource.manager, sql`UPDATE sql_spec_update SET n = n * 10 WHERE n = ${2} RETURNING n`)).toEqual([{ n: 20 }]);
    const failure = await query(dataSource.manager, sql`SELECT ${'not a number'}::int`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect(failure).toMatchObject({ code: '22P02', query: expect.stringContaining('::int') });
  });
});
