import { serveJobs } from '../common/on-demand-worker.js';
import { renderCertificatePdf, type CertificatePdfInput } from './certificate-pdf.js';

/** The thread that draws certificate PDFs (CertificatePdfRenderer): fonts, pdfkit and each document's garbage live in its heap. */
export interface PdfJob {
  input: CertificatePdfInput;
  options: { compress?: boolean };
}

serveJobs<PdfJob, Uint8Array>((job) => renderCertificatePdf(job.input, job.options));
