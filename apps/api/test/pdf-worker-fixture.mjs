// A stand-in for certificate-pdf.worker.js in CertificatePdfRenderer's tests: answers at once with
// a tiny "PDF" naming the serial, or fails, or ends its thread, as the serial asks.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, job: { input } }) => {
  if (input.serial === 'crash') process.exit(3);
  if (input.serial === 'fail') return parentPort.postMessage({ id, error: { message: 'drawing failed' } });
  const delay = input.serial === 'slow' ? 200 : 0;
  setTimeout(
    () => parentPort.postMessage({ id, result: new TextEncoder().encode(`%PDF-fixture ${input.serial} ${input.issuedAt.toISOString()}`) }),
    delay,
  );
});
