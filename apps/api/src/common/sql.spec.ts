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
  it('gives each call site the text its fragments make, whichever fragment comes this time', () => {
    const condition = (signedIn: boolean) => (signedIn ? sql`c.owner_id = ${'u'}` : rawSql('c.public'));
    const statement = (signedIn: boolean, value: unknown) => sql`SELECT 1 FROM c WHERE ${condition(signedIn)} AND c.id = ${value}`;
    expect(statement(true, 'a').text).toBe('SELECT 1 FROM c WHERE c.owner_id = $1 AND c.id = $2');
    expect(statement(false, 'b').text).toBe('SELECT 1 FROM c WHERE c.public AND c.id = $1');
    expect(statement(true, 'c').values).toEqual(['u', 'c']);
    // A fragment where a value was: a different text, never the cached one.
    expect(statement(false, rawSql('c.other')).text).toBe('SELECT 1 FROM c WHERE c.public AND c.id = c.other');
    expect(statement(false, sql`${1} + ${2}`).text).toBe('SELECT 1 FROM c WHERE c.public AND c.id = $1 + $2');
    expect(statement(false, 'd').text).toBe('SELECT 1 FROM c WHERE c.public AND c.id = $1');
    // Texts built by code, not by a template: keyed by their content.
    expect(rawSql('x = 1').text).toBe('x = 1');
    expect(rawSql('x = 2').text).toBe('x = 2');
    expect(joinSql([rawSql('a'), rawSql('b')], ' OR ').text).toBe('a OR b');
    expect(joinSql([rawSql('a'), rawSql('b')], ' AND ').text).toBe('a AND b');
  });

  it('builds the text of a statement once, however often it is sent', () => {
    const statement = (id: string) => sql`SELECT 1 FROM c WHERE ${allOf([sql`c.id = ${id}`, rawSql('c.live')])}`;
    expect(statement('a').shape).toBe(statement('b').shape);
    expect(statement('b').values).toEqual(['b']);
    expect(statement('a').shape).not.toBe(sql`SELECT 1 FROM c WHERE ${rawSql('true')}`.shape);
  });
});
