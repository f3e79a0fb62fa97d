import pg from 'pg';

/**
 * Counts the SQL statements sent to PostgreSQL while `work` runs, across every connection of
 * this process (the API under test shares it). BEGIN/COMMIT/ROLLBACK are counted separately.
 */
export async function countQueries(
  work: () => Promise<unknown>,
): Promise<{ statements: number; transactionControl: number; sql: string[] }> {
  const original = pg.Client.prototype.query;
  const sql: string[] = [];
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    if (text) sql.push(text.replace(/\s+/g, ' ').trim());
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  const control = sql.filter((s) => /^(BEGIN|START TRANSACTION|COMMIT|ROLLBACK)/i.test(s));
  return { statements: sql.length - control.length, transactionControl: control.length, sql };
}
