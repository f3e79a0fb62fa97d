import type { EntityManager } from 'typeorm';

/**
 * A piece of SQL with its parameters, written as a template: `sql`… WHERE c.id = ${id}``. Values
 * never enter the text; a fragment placed in another (`sql`… AND ${editableCondition(user)}``) is
 * spliced in with its values, and the whole statement is numbered `$1…$n` only when it is sent.
 * So a condition written once composes with any statement at any parameter position, and nobody
 * counts placeholders or rewrites SQL text.
 */
export class Sql {
  private constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  static from(strings: readonly string[], values: readonly unknown[]): Sql {
    const text: string[] = [strings[0]!];
    const flat: unknown[] = [];
    values.forEach((value, index) => {
      if (value instanceof Sql) {
        text[text.length - 1] += value.strings[0]!;
        for (let i = 0; i < value.values.length; i++) {
          flat.push(value.values[i]);
          text.push(value.strings[i + 1]!);
        }
        text[text.length - 1] += strings[index + 1]!;
      } else {
        flat.push(value);
        text.push(strings[index + 1]!);
      }
    });
    return new Sql(text, flat);
  }

  /** The statement as PostgreSQL receives it. */
  get text(): string {
    return this.strings.reduce((text, part, index) => `${text}$${index}${part}`);
  }
}

/** SQL text with `${value}` parameters and `${fragment}` pieces. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return Sql.from(strings, values);
}

/** Text written in code, never from input: an alias, a column list, a table name chosen by the caller. */
export function rawSql(text: string): Sql {
  return Sql.from([text], []);
}

export function joinSql(parts: readonly Sql[], separator: string): Sql {
  if (!parts.length) return rawSql('');
  return Sql.from(['', ...parts.slice(1).map(() => separator), ''], parts);
}

/** Conditions joined with AND, each in parentheses; `true` when there is none. */
export function allOf(conditions: readonly Sql[]): Sql {
  return conditions.length
    ? joinSql(
        conditions.map((condition) => sql`(${condition})`),
        ' AND ',
      )
    : rawSql('true');
}

/**
 * Runs one statement and returns its rows as `Row`: the repository that writes the SQL declares
 * the shape its select list produces. A bare UPDATE … RETURNING comes back from TypeORM as
 * [rows, count]: wrap it in a CTE (`WITH x AS (UPDATE … RETURNING …) SELECT * FROM x`).
 */
export async function query<Row>(manager: EntityManager, statement: Sql): Promise<Row[]> {
  return (await manager.query(statement.text, statement.values as unknown[])) as Row[];
}

/** How much longer than the server the client waits on a statement (see data-source.ts). */
const CLIENT_MARGIN_MS = 5_000;

type PgConnection = { connectionParameters?: { query_timeout?: number } };

/**
 * Runs `work` in a transaction whose statements may take up to `ms` (a report, an export) instead
 * of an ordinary request's limit: the server's statement timeout for this transaction, and the
 * client's wait on this connection, put back when done.
 */
export async function withStatementTimeout<T>(
  manager: EntityManager,
  ms: number,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return manager.transaction(async (inner) => {
    await inner.query(`SELECT set_config('statement_timeout', $1, true)`, [String(ms)]);
    const parameters = (inner.queryRunner as unknown as { databaseConnection?: PgConnection } | undefined)?.databaseConnection
      ?.connectionParameters;
    const previous = parameters?.query_timeout;
    if (parameters && previous) parameters.query_timeout = ms + CLIENT_MARGIN_MS;
    try {
      return await work(inner);
    } finally {
      if (parameters && previous) parameters.query_timeout = previous;
    }
  });
}
