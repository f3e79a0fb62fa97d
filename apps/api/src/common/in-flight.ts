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
  const pending = new Set<FastifyRequest>();
  let closing = false;
  let drained: (() => void) | undefined;
  const settle = (request: FastifyRequest) => {
    if (pending.delete(request) && closing && pending.size === 0) drained?.();
  };

  fastify.addHook('onRequest', (request, _reply, done) => {
    pending.add(request);
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
    if (pending.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => (drained = resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  });
}
