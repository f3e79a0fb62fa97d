import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Closing without cutting requests short. Fastify's close waits for open connections, but a client
 * that hung up leaves its handler running with no connection to wait for (no onResponse either):
 * Nest then destroyed the pool under it, and its next statement failed ("database error", a write
 * half done). Here a request counts as in flight from onRequest until its answer reaches onSend,
 * which runs when the handler is done whether or not anyone still listens; the close waits for
 * none to be left, at most `timeoutMs`, before the pool goes. While closing, answers carry
 * `Connection: close` so that kept-alive connections end with them instead of idling.
 */
export function drainOnClose(fastify: FastifyInstance, timeoutMs: number): void {
  // A count, and a WeakSet so each request is counted down once: a request that somehow never
  // reached onSend nor onResponse costs the close its timeout, never the memory it held.
  const counted = new WeakSet<FastifyRequest>();
  let inFlight = 0;
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
