import createClient from 'openapi-fetch';
import type { components, paths } from '@ctlp/contracts';

export type Schemas = components['schemas'];
export type User = Schemas['UserDto'];

/** The typed client: paths, bodies and answers come from the API's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

/** An API error in the shape of DESIGN.md, with each bad field named. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: Record<string, Schemas['FieldErrorDto']> = {},
    readonly code?: string,
  ) {
    super(message);
  }

  /** Each bad field's message. */
  get fields(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.fieldErrors).map(([name, error]) => [name, error.message]));
  }
}

/** Turns openapi-fetch's `{ data, error, response }` into the data, or a thrown ApiError. */
export async function unwrap<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: Awaited<typeof request>;
  try {
    result = await request;
  } catch {
    throw new ApiError(0, 'network');
  }
  if (result.response.ok) return result.data as T;
  const body = (result.error ?? {}) as Partial<Schemas['ErrorDto']>;
  throw new ApiError(result.response.status, body.message ?? result.response.statusText, body.fields ?? {}, body.code);
}

/** For bodies openapi-fetch does not serialise (a CSV, a file): same credentials and errors. */
export async function send<T>(url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError(0, 'network');
  }
  const body = (await response.json().catch(() => ({}))) as Partial<Schemas['ErrorDto']> & T;
  if (response.ok) return body as T;
  throw new ApiError(response.status, body.message ?? response.statusText, body.fields ?? {}, body.code);
}
