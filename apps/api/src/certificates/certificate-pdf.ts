import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type * as Fontkit from 'fontkit';
import type { Bidi } from 'bidi-js';
import { intlLocale, RTL_LOCALES, type Locale } from '@ctlp/contracts';
import { printableText } from '../common/person-text.js';
import { mailDate, mailDays } from '../mail/messages.js';
import { translate } from '../mail/templates.js';
import { FONT_NAMES, layoutLine, layoutParagraph, type Direction, type FontName, type Fonts, type TextLine } from './pdf-text.js';

const require = createRequire(import.meta.url);

/**
 * Fonts from npm, read once: Noto Sans for Latin, Cyrillic and Greek; Amiri for Arabic (its
 * glyphs map back to the letters they draw, so the text can be copied and searched; Noto Sans
 * Arabic's joined forms do not); Noto Sans SC for Chinese, one weight (10.5 MB). Bold Arabic is
 * Amiri outlined as well as filled: Amiri's tables take 4.4 MB of heap once parsed, a bold face
 * would take as much again.
 */
const FONT_FILES: Record<Exclude<FontName, 'arabicBold'>, string> = {
  latin: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  latinBold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  arabic: '@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf',
  chinese: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
};

/**
 * fontkit keeps each glyph it makes with the characters it was first made for, and its subsetter
 * makes the parts of a composite glyph (the E of É) with none: every later PDF's text map would
 * then lose that letter (copied and searched text reads "mitido" for "Emitido"). A glyph asked
 * for with its characters gets them.
 */
function keepCharacters(font: Fontkit.Font): Fontkit.Font {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id: number, codePoints: number[] = []) => {
    const glyph = getGlyph(id, codePoints) as Fontkit.Glyph & { codePoints: number[] };
    if (!glyph.codePoints.length && codePoints.length) glyph.codePoints = codePoints;
    return glyph;
  };
  return font;
}

/** Shaped runs kept per face, the oldest dropped first: the labels of every certificate in a language are the same. */
const LAYOUT_CACHE_SIZE = 100;

/**
 * Each run is shaped twice (measured, then drawn by pdfkit) and most runs are labels every
 * certificate repeats: fontkit's `layout` without features is memoised. pdfkit scales the
 * positions of the run it gets in place, so each caller gets its own copy of them.
 */
function cacheLayouts(font: Fontkit.Font): Fontkit.Font {
  const layout = font.layout.bind(font) as (text: string, features?: unknown, ...rest: unknown[]) => Fontkit.GlyphRun;
  const runs = new Map<string, Fontkit.GlyphRun>();
  font.layout = ((text: string, features?: unknown, ...rest: unknown[]) => {
    if (!Array.isArray(features) || features.length || rest.length) return layout(text, features, ...rest);
    let run = runs.get(text);
    if (!run) {
      run = layout(text, []);
      if (runs.size >= LAYOUT_CACHE_SIZE) runs.delete(runs.keys().next().value!);
      runs.set(text, run);
    }
    const copy = Object.create(Object.getPrototypeOf(run) as object) as Fontkit.GlyphRun;
    return Object.assign(copy, run, { positions: run.positions.map((position) => ({ ...position })) });
  }) as Fontkit.Font['layout'];
  return font;
}

// Parsed once and shared by every document: parsing the font tables (10 MB for Chinese) is
// what a certificate would otherwise spend most of its time on. Each document still embeds its
// own subset.
// pdfkit, fontkit, qrcode and bidi-js load on the first certificate, not at start (0.3 s of
// imports), one after the other: they share dependencies, which concurrent dynamic imports can
// trip over.
interface Libraries {
  fonts: Fonts;
  bidi: Bidi;
  PDFDocument: typeof import('pdfkit');
  QRCode: typeof import('qrcode');
}
let libraries: Promise<Libraries> | undefined;
function loadLibraries(): Promise<Libraries> {
  libraries ??= (async () => {
    const fontkit = await import('fontkit');
    const { default: PDFDocument } = await import('pdfkit');
    const { default: QRCode } = await import('qrcode');
    // bidi-js is CommonJS whose typings declare an ES default export: the factory is the module or its `default`.
    const bidiModule = (await import('bidi-js')) as unknown as { default: (() => Bidi) | { default: () => Bidi } };
    const bidiFactory = typeof bidiModule.default === 'function' ? bidiModule.default : bidiModule.default.default;
    // Each face is read and parsed when a text first needs it: an English certificate never
    // loads the Chinese face (10.5 MB) or Amiri.
    const parsed = new Map<keyof typeof FONT_FILES, Fontkit.Font>();
    const face = (name: keyof typeof FONT_FILES): Fontkit.Font => {
      let font = parsed.get(name);
      if (!font) {
        font = cacheLayouts(keepCharacters(fontkit.create(readFileSync(require.resolve(FONT_FILES[name]))) as Fontkit.Font));
        parsed.set(name, font);
      }
      return font;
    };
    const fonts = {} as Fonts;
    for (const name of FONT_NAMES) {
      Object.defineProperty(fonts, name, { get: () => face(name === 'arabicBold' ? 'arabic' : name), enumerable: true });
    }
    return { fonts, bidi: bidiFactory(), PDFDocument, QRCode };
  })();
  return libraries;
}

/** The paragraph direction of a certificate in this language. */
const directionOf = (locale: Locale): Direction => (RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr');

/**
 * For tests: how a line of this certificate's language is drawn — its runs in visual order, each
 * with its face and the glyphs that face gives it (0 is the missing-glyph box).
 */
export async function shape(
  text: string,
  locale: Locale = 'en',
  bold = false,
): Promise<Array<{ text: string; font: FontName; rtl: boolean; glyphIds: number[]; direction: string }>> {
  const { bidi, fonts } = await loadLibraries();
  return layoutLine(bidi, fonts, text, { direction: directionOf(locale), bold, size: 12 }).runs.map((run) => {
    const laid = fonts[run.font].layout(run.text, []);
    return { text: run.text, font: run.font, rtl: run.rtl, glyphIds: laid.glyphs.map((g) => g.id), direction: laid.direction };
  });
}

/** For tests: the glyph a face has for a character on its own (its isolated form). */
export async function glyphOf(font: FontName, char: string): Promise<number> {
  return (await loadLibraries()).fonts[font].glyphForCodePoint(char.codePointAt(0)!).id;
}

export interface CertificatePdfInput {
  serial: string;
  /** Null: withheld (the holder's personal data was erased); the PDF then names no one. */
  holderName: string | null;
  /** The title as the certificate stores it: the course (or path, or activity) as taken. */
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
  /** The language every label, date and number is written in; English when absent. */
  locale?: Locale;
  /** The issuer's name; the platform's, in the certificate's language, when absent. */
  issuer?: string;
  /** A learning path's certificate: its title stands where a course's would, its hours are its courses' summed. */
  learningPath?: boolean;
  /** For a certificate of participation in a training activity: its days and place (the State's name in the certificate's language). */
  participation?: { startsOn: string; endsOn: string; city: string | null; memberStateName: string | null };
}

/**
 * "45 minutes", "1 hour", "1 hour 30 minutes", "1小时30分钟", "ساعة واحدة و30 دقيقة": the
 * certificate's time in its language, never "0 hours".
 */
export function learningTime(minutes: number, locale: Locale = 'en'): string {
  const total = Math.max(0, Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  const tag = intlLocale(locale === 'en' ? 'en-GB' : locale);
  const unit = (value: number, name: 'hour' | 'minute') =>
    new Intl.NumberFormat(tag, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
  const parts = [hours ? unit(hours, 'hour') : '', rest || !hours ? unit(rest, 'minute') : ''].filter(Boolean);
  return new Intl.ListFormat(tag, { type: 'unit', style: 'narrow' }).format(parts);
}

/** The sentence under the title of a certificate of participation: when, and where unless online. */
export function participationLine(participation: NonNullable<CertificatePdfInput['participation']>, locale: Locale = 'en'): string {
  const { city, memberStateName: state } = participation;
  const place = city && state ? translate(locale, 'certificate_pdf.place', { city, state }) : (city ?? state);
  const days = mailDays(locale, participation.startsOn, participation.endsOn);
  return place ? translate(locale, 'certificate_pdf.heldIn', { place, days }) : translate(locale, 'certificate_pdf.heldOnline', { days });
}

/** Everything a certificate says, in its language, from the `certificate_pdf` section of the API's catalogs. */
export function certificateTexts(input: CertificatePdfInput) {
  const locale = input.locale ?? 'en';
  const t = (key: string, params: Record<string, string> = {}) => translate(locale, `certificate_pdf.${key}`, params);
  const participation = input.participation;
  const time = learningTime(input.minutes ?? input.hours * 60, locale);
  const facts = [t(participation ? 'trainingTime' : 'learningTime', { time }), t('issuedOn', { date: mailDate(locale, input.issuedAt) })];
  if (input.expiresAt) facts.push(t('validUntil', { date: mailDate(locale, input.expiresAt) }));
  return {
    platform: t('platform'),
    heading: t(participation ? 'participationTitle' : 'completionTitle'),
    certifies: t('certifies'),
    holder: input.holderName,
    withheld: t('withheld'),
    completed: t(participation ? 'participated' : input.learningPath ? 'completedPath' : 'completedCourse'),
    title: t('title', { title: input.courseTitle }),
    where: participation ? participationLine(participation, locale) : null,
    facts: facts.join('   ·   '),
    issuer: input.issuer ?? t('issuerName'),
    issuerLabel: t('issuer'),
    serial: t('serial', { serial: input.serial }),
    verify: t('verify', { url: input.verificationUrl }),
    scan: t('scan'),
    documentTitle: t('documentTitle', { serial: input.serial }),
  };
}

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const BLUE = '#083f73';
const INK = '#1b1f24';
const MUTED = '#545b64';

/**
 * The certificate as an A4 landscape PDF in the certificate's language: holder, course, hours,
 * dates, serial, issuer, and a QR code whose payload is exactly the verification URL. Arabic
 * mirrors the page (blocks aligned right, the QR code on the left); names and titles in any
 * script are drawn in their own face and direction within any language. Everything is drawn
 * before this returns (a failure throws here); the document is then read as a stream.
 */
export async function certificatePdfStream(input: CertificatePdfInput, options: { compress?: boolean } = {}): Promise<Readable> {
  // Names and titles as plain text: a bidi override or control character stored before they were
  // refused would otherwise reorder or hide what the certificate says.
  input = { ...input, holderName: printableText(input.holderName), courseTitle: printableText(input.courseTitle) };
  const locale = input.locale ?? 'en';
  const direction = directionOf(locale);
  const texts = certificateTexts(input);
  const { fonts, bidi, PDFDocument, QRCode } = await loadLibraries();
  const doc = new PDFDocument({
    size: A4_LANDSCAPE,
    margin: 0,
    compress: options.compress ?? true,
    lang: locale,
    info: { Title: texts.documentTitle, Author: texts.issuer, Subject: input.courseTitle, Creator: 'CTLP' },
  });
  // pdfkit takes a fontkit font as it is (its typings only list files and buffers); a face is
  // registered when a run first uses it, so the faces a certificate does not use are not loaded.
  const registered = new Set<FontName>();
  const use = (name: FontName): FontName => {
    if (!registered.has(name)) doc.registerFont(name, fonts[name] as unknown as Buffer);
    registered.add(name);
    return name;
  };

  const [width, height] = A4_LANDSCAPE;
  /** Draws laid-out lines from this baseline, each aligned in [left, right]; the baseline after them. */
  const draw = (lines: TextLine[], baseline: number, box: { left: number; right: number; align: 'centre' | 'start' }, color: string) => {
    for (const line of lines) {
      const free = box.right - box.left - line.width;
      let x = box.align === 'centre' ? box.left + free / 2 : direction === 'rtl' ? box.left + free : box.left;
      for (const run of line.runs) {
        const outlined = run.font === 'arabicBold';
        doc
          .font(use(outlined ? 'arabic' : run.font))
          .fontSize(run.size)
          .fillColor(color);
        if (outlined) doc.strokeColor(color).lineWidth(run.size * 0.03);
        // One run, one call, at its own x: pdfkit neither wraps nor reorders it. With features
        // given, pdfkit shapes the run whole; without, word by word, which puts the words of a
        // right-to-left run in the wrong order.
        doc.text(run.text, x, baseline, { lineBreak: false, baseline: 'alphabetic', features: [], fill: true, stroke: outlined });
        x += run.width;
      }
      baseline += line.size * 1.3;
    }
    return baseline;
  };
  const page = { left: 80, right: width - 80, align: 'centre' as const };
  const centred = (
    text: string,
    baseline: number,
    size: number,
    style: { bold?: boolean; color?: string; maxLines?: number; inset?: number } = {},
  ) => {
    const box = { ...page, left: page.left + (style.inset ?? 0), right: page.right - (style.inset ?? 0) };
    const lines = layoutParagraph(bidi, fonts, text, {
      direction,
      bold: style.bold,
      size,
      width: box.right - box.left,
      minSize: style.maxLines ? size * 0.75 : undefined,
      maxLines: style.maxLines,
    });
    return draw(lines, baseline, box, style.color ?? INK);
  };

  doc
    .rect(24, 24, width - 48, height - 48)
    .lineWidth(3)
    .stroke(BLUE);
  doc
    .rect(32, 32, width - 64, height - 64)
    .lineWidth(0.75)
    .stroke(BLUE);

  centred(texts.platform, 74, 12, { bold: true, color: BLUE });
  centred(texts.heading, 124, 30, { bold: true, color: BLUE });
  centred(texts.certifies, 172, 13, { color: MUTED });
  const afterName =
    texts.holder === null ? centred(texts.withheld, 208, 18, { color: MUTED }) : centred(texts.holder, 210, 28, { bold: true });
  const afterCompleted = centred(texts.completed, afterName + 4, 13, { color: MUTED });
  let afterTitle = centred(texts.title, afterCompleted + 14, 20, { bold: true, maxLines: 3, inset: 40 });
  if (texts.where) afterTitle = centred(texts.where, afterTitle + 2, 13, { color: MUTED });
  centred(texts.facts, Math.max(afterTitle + 18, 350), 12);

  // Issuer and serial at the bottom, on the side the language starts from; the QR code to the
  // verification page on the other.
  const qrSize = 104;
  const qrX = direction === 'rtl' ? 64 : width - 64 - qrSize;
  const qrY = height - 64 - qrSize - 14;
  const block = direction === 'rtl' ? { left: qrX + qrSize + 24, right: width - 72 } : { left: 72, right: qrX - 24 };
  const start = { ...block, align: 'start' as const };
  const line = (text: string, size: number, bold = false) =>
    layoutParagraph(bidi, fonts, text, { direction, bold, size, width: block.right - block.left });
  draw(line(texts.issuer, 11, true), height - 140, start, INK);
  draw(line(texts.issuerLabel, 10), height - 124, start, MUTED);
  draw(line(texts.serial, 12, true), height - 96, start, INK);
  draw(line(texts.verify, 9), height - 80, start, MUTED);

  const qr = QRCode.create(input.verificationUrl, { errorCorrectionLevel: 'M' });
  const cells = qr.modules.size;
  const cell = qrSize / cells;
  for (let row = 0; row < cells; row++) {
    for (let col = 0; col < cells; col++) {
      if (qr.modules.get(row, col)) doc.rect(qrX + col * cell, qrY + row * cell, cell, cell);
    }
  }
  doc.fill(INK);
  const scan = layoutParagraph(bidi, fonts, texts.scan, { direction, size: 8, width: qrSize + 20 });
  draw(scan, qrY + qrSize + 11, { left: qrX - 10, right: qrX + qrSize + 10, align: 'centre' }, MUTED);

  doc.end();
  return doc;
}

/** The certificate PDF whole, for tests and the benchmark; the API streams it (certificatePdfStream). */
export async function renderCertificatePdf(input: CertificatePdfInput, options: { compress?: boolean } = {}): Promise<Buffer> {
  const stream = await certificatePdfStream(input, options);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
