import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { OnApplicationShutdown } from '@nestjs/common';
import { certificatePdfStream, type CertificatePdfInput } from './certificate-pdf.js';
import type { PdfJob, PdfJobResult } from './certificate-pdf.worker.js';

/** A worker with no PDF to draw for this long ends, giving its fonts' memory back; the next PDF starts another. */
const IDLE_MS = 5 * 60_000;

/**
 * The compiled worker next to this module. Under Jest the modules are TypeScript sources, which a
 * worker thread cannot load: there the PDF is drawn in the calling thread (the same function).
 */
export function compiledWorkerUrl(): URL | undefined {
  return import.meta.url.endsWith('.js') ? new URL('./certificate-pdf.worker.js', import.meta.url) : undefined;
}

/**
 * Draws certificate PDFs in one worker thread. A PDF allocates megabytes of short-lived objects
 * (font subsets, pdfkit's page objects) that outlive the API's young-generation collections when
 * four are drawn at once; in the API's heap they forced a full collection every quarter second,
 * 59 % of its CPU under the PDF load (bench/README.md, issue 22). In a thread of their own they
 * are collected with the worker's small heap, and the API's requests do not wait behind them.
 * Jobs queue in the worker; a worker that fails (its memory cap) fails the PDFs it held and the
 * next PDF starts a new one.
 */
export class CertificatePdfRenderer implements OnApplicationShutdown {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (pdf: Buffer) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly workerUrl: URL | undefined = compiledWorkerUrl()) {}

  /** The PDF, drawn whole before it is returned (a failure rejects here), as a stream. */
  async stream(input: CertificatePdfInput, options: { compress?: boolean } = {}): Promise<Readable> {
    if (!this.workerUrl) return certificatePdfStream(input, options);
    return Readable.from([await this.render(input, options)]);
  }

  /** How many PDFs are being drawn or wait for the worker (for tests). */
  get inFlight(): number {
    return this.pending.size;
  }

  private render(input: CertificatePdfInput, options: { compress?: boolean }): Promise<Buffer> {
    const worker = this.started();
    const id = ++this.nextId;
    clearTimeout(this.idle);
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, input, options } satisfies PdfJob);
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerUrl!, {
      // Its heap capped (the fonts and a document take ~30 MB): a runaway document ends the worker, not the API.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
    });
    // Idle, it does not keep the process alive.
    worker.unref();
    worker.on('message', (result: PdfJobResult) => {
      const job = this.pending.get(result.id);
      if (!job) return;
      this.pending.delete(result.id);
      if ('pdf' in result) job.resolve(Buffer.from(result.pdf.buffer, result.pdf.byteOffset, result.pdf.byteLength));
      else job.reject(Object.assign(new Error(result.error.message), { stack: result.error.stack }));
      if (!this.pending.size) this.idle = setTimeout(() => this.stop(worker), IDLE_MS).unref();
    });
    const failed = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
    worker.on('error', failed);
    worker.on('exit', (code) => failed(new Error(`The PDF worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private stop(worker: Worker): void {
    if (this.worker !== worker || this.pending.size) return;
    this.worker = undefined;
    void worker.terminate();
  }

  /** After the HTTP server has closed (Nest's last hook), so the PDFs of requests in flight are finished first. */
  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.idle);
    const worker = this.worker;
    this.worker = undefined;
    for (const job of this.pending.values()) job.reject(new Error('The API is stopping'));
    this.pending.clear();
    await worker?.terminate();
  }
}
