import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import { printableText } from '../common/person-text.js';

const require = createRequire(import.meta.url);

/** Noto fonts from npm, read once: Latin, Cyrillic and Greek; Arabic; Chinese (with Latin). */
const FONT_FILES = {
  latin: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  latinBold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  arabic: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
  chinese: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

// Parsed once and shared by every document: parsing the font tables (10 MB for Chinese) is
// what a certificate would otherwise spend most of its time on. Each document still embeds its
// own subset.
// pdfkit, fontkit and qrcode load on the first certificate, not at start (0.3 s of imports), one
// after the other: they share dependencies, which concurrent dynamic imports can trip over.
interface Libraries {
  fonts: Record<FontName, Fontkit.Font>;
  PDFDocument: typeof import('pdfkit');
  QRCode: typeof import('qrcode');
}
let libraries: Promise<Libraries> | undefined;
function loadLibraries(): Promise<Libraries> {
  libraries ??= (async () => {
    const fontkit = await import('fontkit');
    const { default: PDFDocument } = await import('pdfkit');
    const { default: QRCode } = await import('qrcode');
    const fonts = Object.fromEntries(
      Object.entries(FONT_FILES).map(([name, file]) => [name, fontkit.create(readFileSync(require.resolve(file))) as Fontkit.Font]),
    ) as Record<FontName, Fontkit.Font>;
    return { fonts, PDFDocument, QRCode };
  })();
  return libraries;
}

/** The font that has every glyph of this text: Chinese, Arabic, or the Latin/Cyrillic one. */
export function fontFor(text: string, bold = false): FontName {
  if (/[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/.test(text)) return 'chinese';
  if (/[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/.test(text)) return 'arabic';
  return bold ? 'latinBold' : 'latin';
}

/** For tests: the glyphs the chosen font would draw (0 is the missing-glyph box). */
export async function shape(text: string): Promise<{ font: FontName; glyphIds: number[]; glyphNames: string[]; direction: string }> {
  const font = fontFor(text);
  const run = (await loadLibraries()).fonts[font].layout(text);
  return { font, glyphIds: run.glyphs.map((g) => g.id), glyphNames: run.glyphs.map((g) => g.name), direction: run.direction };
}

export interface CertificatePdfInput {
  serial: string;
  /** Null: withheld (the holder's personal data was erased); the PDF then names no one. */
  holderName: string | null;
  courseTitle: string;
  hours: number;
  /**
   * The minutes behind `hours` when they are known (a course's estimated time, which the stored
   * hours round to the half hour); otherwise the time is `hours` in minutes.
   */
  minutes?: number | null;
  issuedAt: Date;
  expiresAt: Date | null;
  verificationUrl: string;
  issuer: string;
  /** A learning path's certificate: its title stands where a course's would, its hours are its courses' summed. */
  learningPath?: boolean;
  /** For a certificate of participation in a training activity: its days and place. */
  participation?: { startsOn: string; endsOn: string; city: string | null; memberStateName: string | null };
}

/** "45 minutes", "1 hour", "1 hour 30 minutes": the certificate's time in English, never "0 hours". */
export function learningTime(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  const unit = (value: number, name: 'hour' | 'minute') =>
    new Intl.NumberFormat('en-GB', { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
  return [hours ? unit(hours, 'hour') : '', rest || !hours ? unit(rest, 'minute') : ''].filter(Boolean).join(' ');
}

export const ISSUER = 'Counter-Terrorism Learning Platform (CTLP)';

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const BLUE = '#083f73';
const INK = '#1b1f24';
const MUTED = '#545b64';

function formatDate(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** "23 November 2026", or "23 – 25 November 2026" (days given as YYYY-MM-DD). */
export function formatDays(startsOn: string, endsOn: string): string {
  const start = new Date(`${startsOn}T00:00:00Z`);
  if (startsOn === endsOn) return formatDate(start);
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).formatRange(
    start,
    new Date(`${endsOn}T00:00:00Z`),
  );
}

/** The sentence under the title of a certificate of participation: when, and where unless online. */
export function participationLine(participation: NonNullable<CertificatePdfInput['participation']>): string {
  const place = [participation.city, participation.memberStateName].filter(Boolean).join(', ');
  const days = formatDays(participation.startsOn, participation.endsOn);
  return place ? `held in ${place}, ${days}` : `held online, ${days}`;
}

/**
 * The certificate as an A4 landscape PDF: holder, course, hours, dates, serial, issuer, and a QR
 * code whose payload is exactly the verification URL. Fonts are embedded as subsets; Arabic is
 * shaped and laid right to left by fontkit.
 */
export async function renderCertificatePdf(input: CertificatePdfInput, options: { compress?: boolean } = {}): Promise<Buffer> {
  // Names and titles as plain text: a bidi override or control character stored before they were
  // refused would otherwise reorder or hide what the certificate says.
  input = { ...input, holderName: printableText(input.holderName), courseTitle: printableText(input.courseTitle) };
  const { fonts: loaded, PDFDocument, QRCode } = await loadLibraries();
  const doc = new PDFDocument({
    size: A4_LANDSCAPE,
    margin: 0,
    compress: options.compress ?? true,
    info: { Title: `Certificate ${input.serial}`, Author: input.issuer, Subject: input.courseTitle, Creator: 'CTLP' },
  });
  // pdfkit takes a fontkit font as it is (its typings only list files and buffers).
  for (const name of Object.keys(FONT_FILES) as FontName[]) doc.registerFont(name, loaded[name] as unknown as Buffer);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const [width, height] = A4_LANDSCAPE;
  const centred = (text: string, y: number, size: number, options: { bold?: boolean; color?: string; width?: number } = {}) => {
    const w = options.width ?? width - 160;
    const font = fontFor(text, options.bold);
    doc
      .font(font)
      .fontSize(size)
      .fillColor(options.color ?? INK);
    // With features given, pdfkit shapes each line as one run; without, it shapes word by word,
    // which puts the words of a right-to-left line in the wrong order.
    doc.text(text, (width - w) / 2, y, { width: w, align: 'center', lineGap: 2, features: [] });
    return doc.y;
  };

  doc
    .rect(24, 24, width - 48, height - 48)
    .lineWidth(3)
    .stroke(BLUE);
  doc
    .rect(32, 32, width - 64, height - 64)
    .lineWidth(0.75)
    .stroke(BLUE);

  centred('COUNTER-TERRORISM LEARNING PLATFORM', 62, 12, { bold: true, color: BLUE });
  const participation = input.participation;
  centred(participation ? 'Certificate of participation' : 'Certificate of completion', 92, 30, { bold: true, color: BLUE });
  centred('This certifies that', 158, 13, { color: MUTED });
  const afterName =
    input.holderName === null
      ? centred('the holder of this certificate (name withheld)', 186, 18, { color: MUTED })
      : centred(input.holderName, 180, 28, { bold: true });
  const completed = input.learningPath ? 'has successfully completed the learning path' : 'has successfully completed the online course';
  centred(participation ? 'participated in' : completed, afterName + 10, 13, { color: MUTED });
  let afterTitle = centred(input.courseTitle, afterName + 34, 20, { bold: true, width: width - 240 });
  if (participation) afterTitle = centred(participationLine(participation), afterTitle + 6, 13, { color: MUTED });

  const time = learningTime(input.minutes ?? input.hours * 60);
  const facts = [`${participation ? 'Training time' : 'Learning time'}: ${time}`, `Issued on ${formatDate(input.issuedAt)}`];
  if (input.expiresAt) facts.push(`Valid until ${formatDate(input.expiresAt)}`);
  centred(facts.join('   ·   '), Math.max(afterTitle + 18, 330), 12);

  // Issuer and serial at the bottom left, the QR code to the verification page at the bottom right.
  const qrSize = 104;
  const qrX = width - 64 - qrSize;
  const qrY = height - 64 - qrSize - 14;
  doc
    .font('latinBold')
    .fontSize(11)
    .fillColor(INK)
    .text(input.issuer, 72, height - 150, { width: 420 });
  doc
    .font('latin')
    .fontSize(10)
    .fillColor(MUTED)
    .text('Issuer', 72, doc.y + 2);
  doc
    .font('latinBold')
    .fontSize(12)
    .fillColor(INK)
    .text(`Serial number: ${input.serial}`, 72, height - 106);
  doc
    .font('latin')
    .fontSize(9)
    .fillColor(MUTED)
    .text(`Check this certificate at ${input.verificationUrl}`, 72, height - 88, { width: qrX - 90 });

  const qr = QRCode.create(input.verificationUrl, { errorCorrectionLevel: 'M' });
  const cells = qr.modules.size;
  const cell = qrSize / cells;
  for (let row = 0; row < cells; row++) {
    for (let col = 0; col < cells; col++) {
      if (qr.modules.get(row, col)) doc.rect(qrX + col * cell, qrY + row * cell, cell, cell);
    }
  }
  doc.fill(INK);
  doc
    .font('latin')
    .fontSize(8)
    .fillColor(MUTED)
    .text('Scan to verify', qrX, qrY + qrSize + 4, { width: qrSize, align: 'center' });

  doc.end();
  return done;
}
