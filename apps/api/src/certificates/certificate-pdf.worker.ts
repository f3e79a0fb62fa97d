import { parentPort } from 'node:worker_threads';
import { renderCertificatePdf, type CertificatePdfInput } from './certificate-pdf.js';

/**
 * The thread that draws certificate PDFs (CertificatePdfRenderer starts it): the fonts, pdfkit's
 * objects and the garbage of every document live in this thread's heap, not the API's.
 */
export interface PdfJob {
  id: number;
  input: CertificatePdfInput;
  options: { compress?: boolean };
}
export type PdfJobResult = { id: number; pdf: Uint8Array } | { id: number; error: { message: string; stack?: string } };

parentPort?.on('message', (job: PdfJob) => {
  renderCertificatePdf(job.input, job.options).then(
    (pdf) => parentPort!.postMessage({ id: job.id, pdf } satisfies PdfJobResult),
    (error: Error) =>
      parentPort!.postMessage({ id: job.id, error: { message: String(error?.message), stack: error?.stack } } satisfies PdfJobResult),
  );
});
