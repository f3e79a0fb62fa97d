import { describe, expect, it } from '@jest/globals';
import { allOf, joinSql, rawSql, sql } from './sql.js';

describe('sql fragments', () => {
  it('keeps values out of the text and numbers them in order', () => {
    const statement = sql`SELECT * FROM courses c WHERE c.id = ${'a'} AND c.status = ${'published'}`;
    expect(statement.text).toBe('SELECT * FROM courses c WHERE c.id = $1 AND c.status = $2');
    expect(statement.values).toEqual(['a', 'published']);
  });

  it('splices a fragment in at any position, renumbering its parameters', () => {
    const condition = (userId: string) => sql`(c.owner_id = ${userId} OR EXISTS (SELECT 1 FROM t WHERE t.user_id = ${userId}))`;
    const statement = sql`SELECT ${rawSql('c.id')} FROM courses c WHERE c.slug = ${'s'} AND ${condition('u')} LIMIT ${5}`;
    expect(statement.text).toBe(
      'SELECT c.id FROM courses c WHERE c.slug = $1 AND (c.owner_id = $2 OR EXISTS (SELECT 1 FROM t WHERE t.user_id = $3)) LIMIT $4',
    );
    expect(statement.values).toEqual(['s', 'u', 'u', 5]);
  });

  it('nests fragments in fragments, and a fragment at the very start or end', () => {
    const inner = sql`${1} = ${2}`;
    const middle = sql`${inner} AND ${sql`x = ${3}`}`;
    const statement = sql`${middle}`;
    expect(statement.text).toBe('$1 = $2 AND x = $3');
    expect(statement.values).toEqual([1, 2, 3]);
  });

  it('passes null, arrays and objects as values, never as text', () => {
    const statement = sql`SELECT ${null}, ${['a', 'b']}, ${"'); DROP TABLE courses; --"}`;
    expect(statement.text).toBe('SELECT $1, $2, $3');
    expect(statement.values).toEqual([null, ['a', 'b'], "'); DROP TABLE courses; --"]);
  });

  it('joins conditions with AND, each in parentheses, and is true without any', () => {
    const where = allOf([sql`a = ${1}`, sql`b = ${2} OR c`]);
    expect(where.text).toBe('(a = $1) AND (b = $2 OR c)');
    expect(where.values).toEqual([1, 2]);
    expect(allOf([]).text).toBe('true');
    expect(joinSql([sql`x`, sql`${7}`], ', ').text).toBe('x, $1');
  });
});
