import type pg from 'pg';

/** A quoted identifier, for names read from the catalog. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Backup and restore run for minutes on a large database: no statement, lock or idle timeout
 * that a role, a database or a pool default may set applies to their own sessions.
 */
export async function sessionWithoutTimeouts(client: pg.Client): Promise<void> {
  await client.query('SET statement_timeout = 0; SET lock_timeout = 0; SET idle_in_transaction_session_timeout = 0');
}
