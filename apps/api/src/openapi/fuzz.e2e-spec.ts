import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { OpenAPIObject } from '@nestjs/swagger';
import { answers, buildCourse } from '../../test/courses.js';
import { createTestApp, createUser, signIn, TEST_PASSWORD, type TestApp } from '../../test/test-app.js';
import { buildOpenApiDocument } from '../create-app.js';

/**
 * Malformed input to every operation of the OpenAPI document: each body field, query parameter
 * and path parameter in turn gets one value of each wrong kind, as an anonymous caller, a learner
 * and an admin. Any answer may be a refusal (400, 401, 403, 404, 409, 413, 415, 429…); none may
 * be a 5xx. The failure lists every request that got one.
 */

const ORIGIN = 'http://ctlp.test';
const CONCURRENCY = 6;
// Schemas nested deeper than this are not walked into: their parent field is fuzzed as a whole.
const MAX_FIELD_DEPTH = 4;

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  example?: unknown;
};
type Operation = {
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema?: Schema }> };
};
interface FuzzRequest {
  method: string;
  url: string;
  body?: unknown;
  contentType?: string;
  what: string;
}

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** One value of each wrong kind, for a JSON body field. */
const BODY_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['true', true],
  ['-1', -1],
  ['0', 0],
  ['1e20', 1e20],
  ['1.5', 1.5],
  ['"NaN"', 'NaN'],
  ['""', ''],
  ['10,000 chars', 'x'.repeat(10_000)],
  ['NUL', 'a\u0000b'],
  ['U+202E', 'abc\u202Eexe.txt'],
  ['bad date', '2026-13-45'],
  ['array', ['x', 1, null]],
  ['object', { a: 1 }],
  ['nested 40 deep', nested(40)],
];

/** The same for a query parameter: what a query string can carry. */
const QUERY_VALUES: Array<[string, string]> = [
  ['empty', ''],
  ['-1', '-1'],
  ['0', '0'],
  ['1e20', '1e20'],
  ['NaN', 'NaN'],
  ['true', 'true'],
  ['null', 'null'],
  ['10,000 chars', 'x'.repeat(10_000)],
  ['NUL', '%00'],
  ['U+202E', '%E2%80%AE'],
  ['bad date', '2026-13-45'],
  ['uuid', randomUUID()],
];

/** And for a path parameter. */
const PATH_VALUES: Array<[string, string]> = [
  ['-1', '-1'],
  ['0', '0'],
  ['1e20', '1e20'],
  ['NaN', 'NaN'],
  ['null', 'null'],
  ['2,000 chars', 'x'.repeat(2_000)],
  ['NUL', 'a%00b'],
  ['U+202E', 'a%E2%80%AEb'],
  ['encoded slash', '..%2F..%2Fetc'],
  ['unknown uuid', randomUUID()],
  ['nil uuid', '00000000-0000-0000-0000-000000000000'],
];

class Resolver {
  constructor(private readonly document: OpenAPIObject) {}

  resolve(schema: Schema | undefined): Schema {
    if (!schema) return {};
    if (schema.$ref) {
      const name = schema.$ref.split('/').pop()!;
      return this.resolve(this.document.components!.schemas![name] as Schema);
    }
    if (schema.allOf) return schema.allOf.reduce<Schema>((all, part) => ({ ...all, ...this.resolve(part) }), {});
    if (schema.oneOf?.[0]) return this.resolve(schema.oneOf[0]);
    if (schema.anyOf?.[0]) return this.resolve(schema.anyOf[0]);
    return schema;
  }

  /**
   * A plausible value of the schema, with only its required properties (`all`: every property),
   * so that the one wrong field of a request is what the server meets.
   */
  sample(raw: Schema | undefined, all = false, depth = 0): unknown {
    const schema = this.resolve(raw);
    if (schema.example !== undefined) return schema.example;
    if (schema.enum?.length) return schema.enum[0];
    if (schema.properties) {
      const value: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties)) {
        if (all || schema.required?.includes(key)) value[key] = this.sample(property, all, depth + 1);
      }
      return value;
    }
    switch (schema.type) {
      case 'array':
        return depth > 6 || !(schema.minItems ?? 0) ? [] : [this.sample(schema.items, all, depth + 1)];
      case 'integer':
      case 'number':
        return Math.max(schema.minimum ?? 1, 1);
      case 'boolean':
        return true;
      case 'object':
        return {};
      default:
        if (schema.format === 'uuid') return randomUUID();
        if (schema.format === 'date') return '2027-03-01';
        if (schema.format === 'date-time') return '2027-03-01T10:00:00.000Z';
        if (schema.format === 'email') return 'fuzz@example.org';
        return 'Fuzz value';
    }
  }

  /** The schema at a field path of a body schema. */
  at(raw: Schema | undefined, path: string[]): Schema {
    let schema = this.resolve(raw);
    for (const key of path) schema = this.resolve(/^\d+$/.test(key) ? schema.items : schema.properties?.[key]);
    return schema;
  }

  /** Every field path in a body schema (`quiz.questions.0.prompt`), parents before children. */
  fields(raw: Schema | undefined, prefix: string[] = [], into: string[][] = []): string[][] {
    const schema = this.resolve(raw);
    if (prefix.length >= MAX_FIELD_DEPTH) return into;
    if (schema.properties) {
      for (const [key, property] of Object.entries(schema.properties)) {
        into.push([...prefix, key]);
        this.fields(property, [...prefix, key], into);
      }
    } else if (schema.type === 'array' && schema.items) {
      const items = this.resolve(schema.items);
      if (items.properties) this.fields(items, [...prefix, '0'], into);
    }
    return into;
  }
}

/** The body with one field set; parents the body lacks are made from their schema's required fields. */
function withField(resolver: Resolver, schema: Schema | undefined, body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let target = copy;
  path.slice(0, -1).forEach((key, index) => {
    if (typeof target[key] !== 'object' || target[key] === null) {
      const parent = resolver.at(schema, path.slice(0, index + 1));
      target[key] = parent.type === 'array' ? [resolver.sample(parent.items)] : resolver.sample(parent);
    }
    target = target[key] as Record<string, unknown>;
  });
  target[path[path.length - 1]!] = value;
  return copy;
}

/** Every malformed request for one operation. `pathValue` gives a real id for a parameter when one exists. */
function requestsFor(
  resolver: Resolver,
  method: string,
  template: string,
  operation: Operation,
  pathValue: (template: string, name: string) => string,
): FuzzRequest[] {
  const parameters = operation.parameters ?? [];
  const pathParameters = parameters.filter((p) => p.in === 'path').map((p) => p.name);
  const queryParameters = parameters.filter((p) => p.in === 'query');
  const fillPath = (override?: [string, string]) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) =>
      override && override[0] === name ? override[1] : encodeURIComponent(pathValue(template, name)),
    );
  const baseQuery = new URLSearchParams();
  for (const parameter of queryParameters) {
    const schema = resolver.resolve(parameter.schema);
    if (parameter.name === 'format') continue;
    if (schema.enum?.length) baseQuery.set(parameter.name, String(schema.enum[0]));
  }
  const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);
  const content = operation.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  const textBody = content['text/csv'] ?? content['text/plain'];
  const baseBody = jsonSchema ? resolver.sample(jsonSchema) : undefined;
  const send = (path: string, body: unknown, what: string): FuzzRequest => ({ method, url: path, body, what });
  const out: FuzzRequest[] = [];
  const basePath = fillPath();
  const baseUrl = withQuery(basePath, baseQuery.toString());

  for (const name of pathParameters) {
    for (const [label, value] of PATH_VALUES)
      out.push(send(withQuery(fillPath([name, value]), baseQuery.toString()), baseBody, `path ${name}=${label}`));
  }
  for (const parameter of queryParameters) {
    for (const [label, value] of QUERY_VALUES) {
      const query = new URLSearchParams(baseQuery);
      query.delete(parameter.name);
      out.push(
        send(
          withQuery(basePath, `${query.toString()}${query.size ? '&' : ''}${parameter.name}=${value}`),
          baseBody,
          `query ${parameter.name}=${label}`,
        ),
      );
    }
    // Twice, which a query parser makes an array.
    out.push(send(withQuery(basePath, `${parameter.name}=a&${parameter.name}=b`), baseBody, `query ${parameter.name}=array`));
  }
  if (jsonSchema) {
    for (const path of resolver.fields(jsonSchema)) {
      for (const [label, value] of BODY_VALUES)
        out.push(send(baseUrl, withField(resolver, jsonSchema, baseBody, path, value), `body ${path.join('.')}=${label}`));
    }
    out.push(send(baseUrl, { ...(baseBody as object), unknownExtra: 'x' }, 'body with an unknown field'));
    out.push(send(baseUrl, [baseBody], 'body as an array'));
    out.push(send(baseUrl, 'a\u0000b', 'body as a string'));
    out.push({
      method,
      url: baseUrl,
      body: `${'['.repeat(5000)}${']'.repeat(5000)}`,
      contentType: 'application/json',
      what: 'body nested 5,000 deep',
    });
    out.push({ method, url: baseUrl, body: '{"a":', contentType: 'application/json', what: 'body not JSON' });
  } else if (textBody) {
    out.push({ method, url: baseUrl, body: 'email\nfuzz\u0000@example.org\n', contentType: 'text/csv', what: 'CSV with NUL' });
    out.push({
      method,
      url: baseUrl,
      body: `email\n${'x'.repeat(10_000)}@example.org\n`,
      contentType: 'text/csv',
      what: 'CSV with a long cell',
    });
    out.push({ method, url: baseUrl, body: '"unclosed\n', contentType: 'text/csv', what: 'CSV not CSV' });
  } else if (method !== 'get' && method !== 'delete') {
    out.push(send(baseUrl, { unknownExtra: 'x' }, 'unexpected body'));
  }
  return out;
}

async function inPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

// Paths of operations that may end the caller's session or change its credentials.
const SESSION_ENDING = /logout|sessions|password|mfa|\/me$|erasure|delete-account/;

describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestApp;
  // Real HTTP on a port (Fastify's inject cannot load its cookie module under Jest's ESM mode).
  let base: string;
  const cookies: Record<string, string | undefined> = { anonymous: undefined };
  const ids: Record<string, string> = {};

  async function cookieOf(email: string): Promise<string> {
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
    return response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
    const admin = await createUser(t.dataSource, { roles: ['admin', 'trainer'], memberState: 'KEN' });
    const learner = await createUser(t.dataSource, { roles: ['learner'], memberState: 'KEN' });
    const other = await createUser(t.dataSource, { roles: ['learner'], memberState: 'KEN', status: 'pending' });
    const adminAgent = await signIn(t.http, admin.email);
    const learnerAgent = await signIn(t.http, learner.email);
    const course = await buildCourse(adminAgent, { quiz: { maxAttempts: null } });
    const enrolment = await learnerAgent.post(`/api/courses/${course.id}/enrolments`).expect(201);
    await learnerAgent.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    const passed = await learnerAgent.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, true)).expect(200);
    const activity = await adminAgent
      .post('/api/activities')
      .send({
        kind: 'workshop',
        title: 'Fuzzed workshop',
        delivery: 'in_person',
        startsOn: '2027-03-01',
        endsOn: '2027-03-03',
        venueMemberState: 'KEN',
        city: 'Nairobi',
        hours: 18,
        requiredAttendance: 100,
      })
      .expect(201);
    Object.assign(ids, {
      courses: course.id,
      modules: course.moduleId,
      lessons: course.textLessonIds[0]!,
      enrolments: enrolment.body.id as string,
      certificates: (passed.body.certificate?.id as string | undefined) ?? randomUUID(),
      verify: (passed.body.certificate?.verificationCode as string | undefined) ?? 'unknown',
      activities: activity.body.id as string,
      users: other.id,
      registrations: other.id,
      userId: other.id,
    });
    cookies.learner = await cookieOf(learner.email);
    cookies.admin = await cookieOf(admin.email);
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('answers no malformed request with a 5xx, whoever sends it', async () => {
    const document = buildOpenApiDocument(t.app);
    const resolver = new Resolver(document);
    // A path parameter gets the id of a real object of the collection it follows (`/courses/{id}`).
    const pathValue = (template: string, name: string) => {
      if (ids[name]) return ids[name]!;
      const segments = template.split('/');
      const at = segments.indexOf(`{${name}}`);
      return ids[segments[at - 1] ?? ''] ?? randomUUID();
    };
    const operations = Object.entries(document.paths).flatMap(([template, item]) =>
      Object.entries(item as Record<string, Operation>)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => ({ template, method, operation })),
    );
    const requestsOf = (ops: typeof operations) =>
      ops.map(({ template, method, operation }) => requestsFor(resolver, method, template, operation, pathValue));
    // Operations that may end the caller's session go last, so the others run signed in.
    const phases = [
      requestsOf(operations.filter((o) => !SESSION_ENDING.test(o.template))),
      requestsOf(operations.filter((o) => SESSION_ENDING.test(o.template))),
    ];

    const failures: string[] = [];
    let sent = 0;
    let skipped = 0;
    const send = async (identity: string, r: FuzzRequest): Promise<{ status: number; code?: string }> => {
      const headers: Record<string, string> = { origin: ORIGIN };
      if (cookies[identity]) headers.cookie = cookies[identity]!;
      let payload: string | undefined;
      if (r.body !== undefined) {
        headers['content-type'] = r.contentType ?? 'application/json';
        payload = r.contentType ? (r.body as string) : JSON.stringify(r.body);
      }
      const response = await fetch(`${base}${r.url}`, { method: r.method.toUpperCase(), headers, body: payload });
      const text = await response.text();
      sent++;
      if (response.status >= 500) {
        failures.push(
          `${identity} ${r.method.toUpperCase()} ${r.url.slice(0, 120)} [${r.what}] → ${response.status} ${text.slice(0, 120)}`,
        );
      }
      return { status: response.status, code: (/"code":"(\w+)"/.exec(text) ?? [])[1] };
    };
    // The access guard refuses a caller before any input is read: where it refuses the first
    // request of an operation, the others would only meet it again.
    const fuzz = async (identity: string, perOperation: FuzzRequest[][]) => {
      const refused = new Set<FuzzRequest[]>();
      await inPool(perOperation, CONCURRENCY, async (requests) => {
        if (!requests.length) return;
        const first = await send(identity, requests[0]!);
        if (first.status === 401 || (first.status === 403 && first.code !== 'cross_origin_request')) refused.add(requests);
      });
      for (const requests of refused) skipped += requests.length - 1;
      const rest = perOperation.filter((requests) => !refused.has(requests)).flatMap((requests) => requests.slice(1));
      await inPool(rest, CONCURRENCY, async (r) => {
        await send(identity, r);
      });
    };
    for (const identity of ['anonymous', 'learner', 'admin']) {
      for (const phase of phases) await fuzz(identity, phase);
    }
    process.stdout.write(
      `fuzz: ${operations.length} operations, ${sent} requests (${skipped} not sent: refused by the access guard), ${failures.length} answered 5xx\n`,
    );
    expect(failures).toEqual([]);
  }, 600_000);
});
