import { Readable } from 'node:stream';
import type { OnApplicationShutdown } from '@nestjs/common';
import { compiledWorker, OnDemandWorker } from '../common/on-demand-worker.js';
import { certificatePdfStream, type CertificatePdfInput } from './certificate-pdf.js';
import type { PdfJob } from './certificate-pdf.worker.js';

export const compiledWorkerUrl = (): URL | undefined => compiledWorker(import.meta.url, './certificate-pdf.worker.js');

/**
 * Draws certificate PDFs in a worker thread (common/on-demand-worker.ts). A PDF allocates
 * megabytes of short-lived objects (font subsets, pdfkit's page objects) that outlived the API's
 * young-generation collections when four were drawn at once; in the API's heap they forced a full
 * collection every quarter second, 59 % of its CPU under the PDF load (bench/README.md, issue 22).
 * In a thread of their own they are collected with its small heap, and the API's other requests
 * do not wait behind them.
 */
export class CertificatePdfRenderer implements OnApplicationShutdown {
  private readonly worker: OnDemandWorker<PdfJob, Uint8Array> | undefined;

  constructor(workerUrl: URL | undefined = compiledWorkerUrl()) {
    this.worker = workerUrl
      ? new OnDemandWorker(workerUrl, {
          name: 'certificate PDF',
          // The fonts and a document take ~30 MB: a runaway document ends the worker, not the API.
          resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
        })
      : undefined;
  }

  /** The PDF, drawn whole before it is returned (a failure rejects here), as a stream. */
  async stream(input: CertificatePdfInput, options: { compress?: boolean } = {}): Promise<Readable> {
    if (!this.worker) return certificatePdfStream(input, options);
    const pdf = await this.worker.run({ input, options });
    return Readable.from([Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)]);
  }

  /** How many PDFs are being drawn or wait for the worker (for tests). */
  get inFlight(): number {
    return this.worker?.inFlight ?? 0;
  }

  /** After the HTTP server has closed (Nest's last hook), so the PDFs of requests in flight are finished first. */
  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
