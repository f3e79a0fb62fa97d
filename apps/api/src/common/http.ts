/**
 * What a controller may do to the response or read of the request, whichever HTTP platform
 * serves the API: both Express and Fastify answer to these, so controllers never import either.
 * Use with `@Res({ passthrough: true })` and `@Req()`.
 */
export interface HttpResponse {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

export interface HttpRequest {
  /** The caller's address, as the trusted proxies report it (TRUST_PROXY). */
  ip: string;
}

/** A response the controller sends itself (`@Res()` without passthrough): a status Nest must not overwrite, a stream. */
export interface HttpSendResponse extends HttpResponse {
  send(payload?: unknown): unknown;
}

/** The request's headers, as Node has them: lower-case names. */
export interface HttpHeadersRequest {
  headers: Record<string, string | string[] | undefined>;
}
