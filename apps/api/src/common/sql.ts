import { createHash } from 'node:crypto';
import type pg from 'pg';
import { QueryFailedError, type EntityManager } from 'typeorm';

/**
 * The text of a piece of SQL without its values: the parts between the `$n` placeholders. One
 * object per distinct text, built once (see shapeOf): a statement built per request finds its
 * text, and its prepared statement's name, on its shape instead of concatenating and hashing
 * kilobytes of SQL on every call.
 */
class Shape {
  readonly text: string;
  /** The prepared statement's name, looked up once (statementName). */
  name: string | undefined | null = null;

  constructor(readonly parts: readonly string[]) {
    this.text = parts.reduce((text, part, index) => `${text}$${index}${part}`);
  }
}

const PARAMETER = Symbol('parameter');
type ShapeNode = { shape?: Shape; next?: Map<Shape | typeof PARAMETER, ShapeNode> };

/**
 * Shapes are interned by what determines them: the template's strings (by identity for a tagged
 * template — one array per call site — else by content) and, at each value, either a parameter or
 * the spliced fragment's shape. The texts come from code, so they are a bounded set; past
 * SHAPE_LIMIT a shape is built and not kept, so a runaway caller costs time, never memory.
 */
const SHAPE_LIMIT = 5_000;
let shapesKept = 0;
const byTemplate = new WeakMap<readonly string[], ShapeNode>();
const byContent = new Map<string, ShapeNode>();

function isTemplate(strings: readonly string[]): boolean {
  return Object.isFrozen(strings) && 'raw' in strings;
}

function rootOf(strings: readonly string[]): ShapeNode | undefined {
  const key = isTemplate(strings) ? undefined : strings.join('\u0000');
  let root = key === undefined ? byTemplate.get(strings) : byContent.get(key);
  if (!root && shapesKept < SHAPE_LIMIT) {
    root = {};
    if (key === undefined) byTemplate.set(strings, root);
    else byContent.set(key, root);
  }
  return root;
}

/** The text parts of `strings` with `values` in place: each fragment's parts spliced in. */
function buildShape(strings: readonly string[], values: readonly unknown[]): Shape {
  const parts: string[] = [strings[0]!];
  values.forEach((value, index) => {
    if (value instanceof Sql) {
      const inner = value.shape.parts;
      parts[parts.length - 1] += inner[0]!;
      for (let i = 1; i < inner.length; i++) parts.push(inner[i]!);
      parts[parts.length - 1] += strings[index + 1]!;
    } else {
      parts.push(strings[index + 1]!);
    }
  });
  return new Shape(parts);
}

function shapeOf(strings: readonly string[], values: readonly unknown[]): Shape {
  let node = rootOf(strings);
  for (let i = 0; node && i < values.length; i++) {
    const value = values[i];
    const key = value instanceof Sql ? value.shape : PARAMETER;
    let next = node.next?.get(key);
    if (!next && shapesKept < SHAPE_LIMIT) {
      next = {};
      (node.next ??= new Map()).set(key, next);
    }
    node = next;
  }
  if (node?.shape) return node.shape;
  const shape = buildShape(strings, values);
  if (node && shapesKept < SHAPE_LIMIT) {
    node.shape = shape;
    shapesKept += 1;
  }
  return shape;
}

/**
 * A piece of SQL with its parameters, written as a template: `sql`… WHERE c.id = ${id}``. Values
 * never enter the text; a fragment placed in another (`sql`… AND ${editableCondition(user)}``) is
 * spliced in with its values, and the whole statement is numbered `$1…$n` only when it is sent.
 * So a condition written once composes with any statement at any parameter position, and nobody
 * counts placeholders or rewrites SQL text.
 */
export class Sql {
  private constructor(
    readonly shape: Shape,
    readonly values: readonly unknown[],
  ) {}

  static from(strings: readonly string[], values: readonly unknown[]): Sql {
    const flat: unknown[] = [];
    for (const value of values) {
      if (value instanceof Sql) for (const inner of value.values) flat.push(inner);
      else flat.push(value);
    }
    return new Sql(shapeOf(strings, values), flat);
  }

  /** The statement as PostgreSQL receives it. */
  get text(): string {
    return this.shape.text;
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
 * Statement texts sent as named (prepared) statements: PostgreSQL parses and plans a named
 * statement once per connection and then runs its plan, where an unnamed one is planned on every
 * execution — for our indexed reads, planning cost several times the execution (bench/README.md,
 * issue 22). The texts come from code, so they are a bounded set; past the limit, a text is sent
 * unnamed rather than filling every connection's memory with plans.
 */
const PREPARED_LIMIT = 500;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < PREPARED_LIMIT) {
    name = `ctlp_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

type Client = Pick<pg.ClientBase, 'query'>;

/** The connection `manager` works on: its query runner's in a transaction, else the pool. */
async function clientOf(manager: EntityManager): Promise<Client | undefined> {
  const runner = manager.queryRunner;
  if (!runner) return (manager.connection.driver as unknown as { master: pg.Pool }).master;
  // A released runner (its connection failed): TypeORM's own query throws the error that says so.
  if (runner.isReleased) return undefined;
  return (await runner.connect()) as Client;
}

/**
 * Runs one statement and returns its rows as `Row`: the repository that writes the SQL declares
 * the shape its select list produces. Sent as a prepared statement on the manager's connection
 * (see statementName); a failure is TypeORM's QueryFailedError, as from `manager.query`.
 * UPDATE … RETURNING and DELETE … RETURNING return their rows (TypeORM's own `manager.query`
 * would answer [rows, count]); a CTE (`WITH x AS (UPDATE … RETURNING …) SELECT … FROM x`) reads
 * the same either way.
 */
export async function query<Row>(manager: EntityManager, statement: Sql): Promise<Row[]> {
  const { shape } = statement;
  const text = shape.text;
  const values = statement.values as unknown[];
  const client = await clientOf(manager);
  if (!client) return (await manager.query(text, values)) as Row[];
  if (shape.name === null) shape.name = statementName(text);
  const name = shape.name;
  try {
    const result = await client.query<Row & pg.QueryResultRow>(name ? { name, text, values } : { text, values });
    return result.rows;
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
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
