import pg from 'pg';

/**
 * Waits for the database to answer, trying again with back-off (0.5 s doubling to 5 s) for at
 * most `timeoutMs`: an API started before its database, or while it restarts, waits for it
 * instead of exiting. Each failed try is logged.
 */
export async function waitForDatabase(url: string, options: { timeoutMs: number; log: (line: string) => void }): Promise<void> {
  const started = Date.now();
  for (let attempt = 1, delay = 500; ; attempt++, delay = Math.min(delay * 2, 5_000)) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      if (attempt > 1) options.log(`The database answers (after ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      return;
    } catch (error) {
      const waited = Date.now() - started;
      const reason = error instanceof Error ? error.message : String(error);
      if (waited + delay > options.timeoutMs) {
        throw new Error(`The database did not answer within ${Math.round(options.timeoutMs / 1000)} s: ${reason}`);
      }
      options.log(`Waiting for the database (try ${attempt}: ${reason}); next try in ${delay / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
