import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from '@jest/globals';
import { CertificatePdfRenderer, compiledWorkerUrl } from './certificate-pdf-renderer.js';
import type { CertificatePdfInput } from './certificate-pdf.js';

const FIXTURE = new URL('../../test/pdf-worker-fixture.mjs', import.meta.url);

const input = (serial: string): CertificatePdfInput => ({
  serial,
  holderName: 'Amina Diallo',
  courseTitle: 'The International Legal Framework',
  hours: 1.5,
  issuedAt: new Date('2026-11-23T10:00:00Z'),
  expiresAt: null,
  verificationUrl: 'https://learn.example.org/verify/q3J0Zk2Yx9bW1cVd8sTt7uAa',
});

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('latin1');
}

describe('CertificatePdfRenderer', () => {
  let renderer: CertificatePdfRenderer | undefined;
  afterEach(async () => {
    await renderer?.onApplicationShutdown();
    renderer = undefined;
  });

  it('draws in the calling thread when running from TypeScript sources (no compiled worker)', async () => {
    expect(compiledWorkerUrl()).toBeUndefined();
    renderer = new CertificatePdfRenderer(undefined);
    expect((await text(await renderer.stream(input('CTLP-2026-000001')))).startsWith('%PDF-')).toBe(true);
  });

  it('gives each caller its own document from the worker, dates and all, whatever order they finish in', async () => {
    renderer = new CertificatePdfRenderer(FIXTURE);
    const [slow, a, b] = await Promise.all(['slow', 'A-1', 'B-2'].map((serial) => renderer!.stream(input(serial)).then(text)));
    expect(slow).toBe('%PDF-fixture slow 2026-11-23T10:00:00.000Z');
    expect(a).toBe('%PDF-fixture A-1 2026-11-23T10:00:00.000Z');
    expect(b).toBe('%PDF-fixture B-2 2026-11-23T10:00:00.000Z');
    expect(renderer.inFlight).toBe(0);
  });

  it('fails only the document whose drawing failed; the worker goes on with the others', async () => {
    renderer = new CertificatePdfRenderer(FIXTURE);
    const [failed, drawn] = await Promise.allSettled([renderer.stream(input('fail')), renderer.stream(input('ok')).then(text)]);
    expect(failed).toMatchObject({ status: 'rejected', reason: { message: 'drawing failed' } });
    expect(drawn).toEqual({ status: 'fulfilled', value: '%PDF-fixture ok 2026-11-23T10:00:00.000Z' });
  });

  it('fails the documents a dead worker held, and starts a new worker for the next one', async () => {
    renderer = new CertificatePdfRenderer(FIXTURE);
    const held = renderer.stream(input('slow')).catch((error: Error) => error);
    await expect(renderer.stream(input('crash'))).rejects.toThrow('The certificate PDF worker stopped (exit code 3)');
    expect(await held).toMatchObject({ message: 'The certificate PDF worker stopped (exit code 3)' });
    expect(renderer.inFlight).toBe(0);
    expect(await text(await renderer.stream(input('after')))).toBe('%PDF-fixture after 2026-11-23T10:00:00.000Z');
  });

  it('fails what is still waiting when the API stops', async () => {
    renderer = new CertificatePdfRenderer(FIXTURE);
    const waiting = renderer.stream(input('slow')).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await renderer.onApplicationShutdown();
    expect(await waiting).toMatchObject({ message: 'The API is stopping' });
  });
});
