import pg from 'pg';

/** Drops every database this run created, then stops the embedded server if there is one. */
export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.CTLP_TEST_SERVER_URL;
  const prefix = process.env.CTLP_TEST_DB_PREFIX;
  if (serverUrl && prefix) {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${prefix}%`]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  await globalThis.ctlpTestServer?.stop();
}
