// Certificate PDFs per second on one core (this process), and their size.
// Run after `npm run build`: node bench/certificate-pdf.mjs
// Baseline in the same run: pdfkit drawing the same page with its built-in Helvetica (no font
// embedding, no shaping), so the ratio shows what embedded Unicode fonts cost.
import PDFDocument from 'pdfkit';
import { renderCertificatePdf } from '../apps/api/dist/certificates/certificate-pdf.js';

const N = Number(process.env.N ?? 200);
const base = {
  serial: 'CTLP-2026-000123',
  hours: 1.5,
  issuedAt: new Date('2026-11-23T10:00:00Z'),
  expiresAt: new Date('2029-11-23T10:00:00Z'),
  verificationUrl: 'https://learn.example.org/verify/q3J0Zk2Yx9bW1cVd8sTt7uAa',
  issuer: 'Counter-Terrorism Learning Platform (CTLP)',
};
const threeScripts = { ...base, holderName: 'محمد بن علي', courseTitle: '国际反恐法律框架 — The International Legal Framework' };
// The same certificate printed in Arabic: every label right to left, the Latin and Chinese runs inside.
const arabic = { ...threeScripts, locale: 'ar', issuer: undefined };

// Each certificate its own serial and verification code, as issued ones have: runs that are the
// same on every certificate (labels, a course's title) are shaped once, these are not.
let issued = 0;
const another = (input) => {
  issued++;
  return { ...input, serial: `CTLP-2026-${String(issued).padStart(6, '0')}`, verificationUrl: `${base.verificationUrl}${issued}` };
};

function baseline() {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: [841.89, 595.28], margin: 0 });
    const chunks = [];
    doc.on('data', (c) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.font('Helvetica-Bold').fontSize(30).text('Certificate of completion', 80, 92, { width: 680, align: 'center' });
    doc.fontSize(28).text('Amina Diallo', 80, 180, { width: 680, align: 'center' });
    doc.font('Helvetica').fontSize(20).text('The International Legal Framework', 80, 240, { width: 680, align: 'center' });
    doc.fontSize(12).text(`Serial number: ${base.serial}  ·  ${base.verificationUrl}`, 72, 500);
    for (let i = 0; i < 625; i++) if (i % 3) doc.rect(680 + (i % 25) * 4, 400 + Math.floor(i / 25) * 4, 4, 4);
    doc.fill('#000');
    doc.end();
  });
}

async function measure(label, render) {
  await render(); // warm-up: fonts read, code compiled
  const times = [];
  let bytes = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    const t0 = process.hrtime.bigint();
    bytes = (await render()).length;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  times.sort((a, b) => a - b);
  return { label, perSecond: N / seconds, p50: times[Math.floor(N * 0.5)], p99: times[Math.floor(N * 0.99)], bytes };
}

const rows = [
  await measure('baseline: pdfkit, Helvetica, no embedding', baseline),
  await measure('certificate, three scripts (Arabic, Chinese, Latin) + QR', () => renderCertificatePdf(another(threeScripts))),
  await measure('the same in Arabic (labels right to left)', () => renderCertificatePdf(another(arabic))),
];
const [b, c] = rows;
console.log(`N=${N}, one core, node ${process.version}`);
console.table(
  rows.map((r) => ({
    case: r.label,
    'PDFs/s': r.perSecond.toFixed(1),
    'p50 ms': r.p50.toFixed(1),
    'p99 ms': r.p99.toFixed(1),
    bytes: r.bytes,
  })),
);
console.log(`certificate / baseline throughput: ${(c.perSecond / b.perSecond).toFixed(2)}`);
