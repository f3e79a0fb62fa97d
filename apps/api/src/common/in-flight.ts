import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Closing without cutting requests short. Fastify's close waits for open connections, but a client
 * that hung up leaves its handler running with no connection to wait for (no onResponse either):
 * Nest then destroyed the pool under it, and its next statement failed ("database error", a write
 * half done). Here a request counts as in flight from onRequest until its answer reaches onSend,
 * which runs when the handler is done whether or not anyone still listens; the close waits for
 * none to be left, at most `timeoutMs`, before the pool goes. While closing, answers carry
 * `Connection: close` so that kept-alive connections end with them instead of idling.
 *
 * A request whose client hangs up before its handler starts never reaches onSend: Fastify (5.12 on
 * Node 20) stops it where it was, and when that was an async onRequest hook (the session read) its
 * body is never read and it never ends. It is counted down at the hang-up (onRequestAbort), and up
 * again should it reach its handler after all; otherwise every close after a client on a bad
 * connection gave up waited the whole timeout (seen at every bench SIGTERM, issue 22).
 */
export function drainOnClose(fastify: FastifyInstance, timeoutMs: number): void {
  // A count, and a WeakSet so each request is counted down once: a request that somehow never
  // reached onSend nor onResponse costs the close its timeout, never the memory it held.
  const counted = new WeakSet<FastifyRequest>();
  let inFlight = 0;
  // Requests whose handler has started: a hang-up no longer counts them down.
  const handling = new WeakSet<FastifyRequest>();
  let closing = false;
  let drained: (() => void) | undefined;
  const settle = (request: FastifyRequest) => {
    if (!counted.delete(request)) return;
    inFlight -= 1;
    if (closing && inFlight === 0) drained?.();
  };

  fastify.addHook('onRequest', (request, _reply, done) => {
    counted.add(request);
    inFlight += 1;
    done();
  });
  // From here the handler runs, and its answer, client or not, reaches onSend.
  fastify.addHook('preHandler', (request, _reply, done) => {
    handling.add(request);
    if (!counted.has(request)) {
      // Counted down at a hang-up before this point: its handler runs all the same.
      counted.add(request);
      inFlight += 1;
    }
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    if (!handling.has(request)) settle(request);
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    settle(request);
    if (closing) void reply.header('Connection', 'close');
    done(null, payload);
  });
  // Also on answers that never pass onSend (a hijacked reply, an error while sending).
  fastify.addHook('onResponse', (request, _reply, done) => {
    settle(request);
    done();
  });
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onClose', async () => {
    if (inFlight === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => (drained = resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  });
}
