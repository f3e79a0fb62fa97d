import createClient from 'openapi-fetch';
import type { components, paths } from '@ctlp/contracts';
import { ApiError } from './api-error';

export { ApiError, type FieldProblem } from './api-error';
export type Schemas = components['schemas'];
export type User = Schemas['UserDto'];

/**
 * Where the client's requests go: the browser's fetch, or, when the API renders a public page on
 * the server (entry-server.tsx), the API itself in-process. Looked up per request, not captured.
 */
let transport: (request: Request) => Promise<Response> = (request) => globalThis.fetch(request);

/** The server's renderer answers the page's API requests itself (no loopback network). */
export function setTransport(send: (request: Request) => Promise<Response>): void {
  transport = send;
}

/**
 * The typed client: paths, bodies and answers come from the API's OpenAPI document. A server has
 * no page address to resolve `/api/…` against, so there requests name a placeholder origin that
 * the transport ignores.
 */
export const api = createClient<paths>({
  baseUrl: typeof document === 'undefined' ? 'http://ctlp.internal' : '',
  credentials: 'same-origin',
  fetch: (request) => transport(request),
});

/** Turns openapi-fetch's `{ data, error, response }` into the data, or a thrown ApiError. */
export async function unwrap<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: Awaited<typeof request>;
  try {
    result = await request;
  } catch {
    throw ApiError.network();
  }
  if (result.response.ok) return result.data as T;
  throw ApiError.fromBody(result.response.status, result.error, result.response.statusText);
}

/** For bodies openapi-fetch does not serialise (a CSV, a file): same credentials and errors. */
export async function send<T>(url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', ...init });
  } catch {
    throw ApiError.network();
  }
  const body: unknown = await response.json().catch(() => ({}));
  if (response.ok) return body as T;
  throw ApiError.fromBody(response.status, body, response.statusText);
}
