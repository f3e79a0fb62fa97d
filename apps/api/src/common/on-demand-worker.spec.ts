import { afterEach, describe, expect, it } from '@jest/globals';
import { compiledWorker, OnDemandWorker } from './on-demand-worker.js';

const ECHO = new URL('../../test/echo-worker-fixture.mjs', import.meta.url);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('OnDemandWorker', () => {
  let worker: OnDemandWorker<unknown, unknown> | undefined;
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });

  it('starts its thread at the first job, ends it after the idle time, and starts it again for the next job', async () => {
    worker = new OnDemandWorker(ECHO, { name: 'echo', idleMs: 50 });
    expect(worker.running).toBe(false);
    expect(await worker.run({ n: 1, at: new Date('2026-12-02T00:00:00Z') })).toEqual({ n: 1, at: new Date('2026-12-02T00:00:00Z') });
    expect(worker.running).toBe(true);
    await wait(20);
    expect(await worker.run('still there')).toBe('still there');
    expect(worker.running).toBe(true);
    await wait(200);
    expect(worker.running).toBe(false);
    expect(await worker.run('again')).toBe('again');
    expect(worker.running).toBe(true);
  });

  it('is not started under Jest: the modules are TypeScript sources a thread cannot load', () => {
    expect(compiledWorker(import.meta.url, './anything.worker.js')).toBeUndefined();
    expect(compiledWorker('file:///srv/api/dist/auth/passwords.js', './password-strength.worker.js')?.href).toBe(
      'file:///srv/api/dist/auth/password-strength.worker.js',
    );
  });
});
