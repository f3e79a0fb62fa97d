import { describe, expect, it } from '@jest/globals';
import jsQRModule from 'jsqr';
import { extractText, getDocumentProxy } from 'unpdf';
import { LOCALES, type Locale } from '@ctlp/contracts';
import { pdfLines, pdftotext } from '../../test/pdf.js';
import { translate } from '../mail/templates.js';
import { certificateTexts, glyphOf, learningTime, renderCertificatePdf, shape, type CertificatePdfInput } from './certificate-pdf.js';

// jsqr is CommonJS with a default export: the function is the module or its `default`.
type Decode = typeof jsQRModule.default;
const jsQR: Decode = typeof jsQRModule === 'function' ? (jsQRModule as unknown as Decode) : jsQRModule.default;

const input: CertificatePdfInput = {
  serial: 'CTLP-2026-000123',
  holderName: 'Amina Diallo',
  courseTitle: 'Human Rights in Counter-Terrorism Investigations',
  hours: 1.5,
  issuedAt: new Date('2026-11-23T10:00:00Z'),
  expiresAt: new Date('2029-11-23T10:00:00Z'),
  verificationUrl: 'https://learn.example.org/verify/q3J0Zk2Yx9bW1cVd8sTt7uAa',
  issuer: 'Counter-Terrorism Learning Platform (CTLP)',
};

async function text(pdf: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text;
}

/** Reads the QR code back from the PDF's own drawing: the small squares of its content stream. */
function decodeQr(pdf: Buffer): string | undefined {
  const squares = [...pdf.toString('latin1').matchAll(/(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+) re/g)]
    .map((m) => m.slice(1).map(Number) as [number, number, number, number])
    .filter(([, , w, h]) => w < 10 && Math.abs(w - h) < 0.01);
  const cell = squares[0]![2];
  const minX = Math.min(...squares.map((s) => s[0]));
  const minY = Math.min(...squares.map((s) => s[1]));
  const size = Math.round((Math.max(...squares.map((s) => s[0])) - minX) / cell) + 1;
  const scale = 4;
  const quiet = 4;
  const side = (size + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [x, y] of squares) {
    const col = Math.round((x - minX) / cell) + quiet;
    const row = Math.round((y - minY) / cell) + quiet;
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const i = ((row * scale + dy) * side + col * scale + dx) * 4;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
      }
    }
  }
  return jsQR(pixels, side, side)?.data;
}

describe('certificate PDF', () => {
  it('is an A4 landscape PDF whose text holds the holder, the course, the serial and the dates', async () => {
    const pdf = await renderCertificatePdf(input);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const document = await getDocumentProxy(new Uint8Array(pdf));
    const page = await document.getPage(1);
    const [, , width, height] = page.view;
    expect([Math.round(width!), Math.round(height!)]).toEqual([842, 595]);
    const content = await text(pdf);
    for (const expected of [
      input.holderName,
      input.courseTitle,
      input.serial,
      'Learning time: 1 hour 30 minutes',
      '23 November 2026',
      '23 November 2029',
      input.issuer,
    ]) {
      expect(content).toContain(expected);
    }
  });

  it('says the learning time in hours and minutes, never "0 hours" or an hour for 45 minutes', async () => {
    expect(learningTime(45)).toBe('45 minutes');
    expect(learningTime(5)).toBe('5 minutes');
    expect(learningTime(60)).toBe('1 hour');
    expect(learningTime(90)).toBe('1 hour 30 minutes');
    expect(learningTime(21 * 60)).toBe('21 hours');
    expect(learningTime(1)).toBe('1 minute');
    const content = (await text(await renderCertificatePdf({ ...input, hours: 1, minutes: 45 }))).replace(/\s+/g, ' ');
    expect(content).toContain('Learning time: 45 minutes');
    expect(content).not.toContain('1 hour');
  });

  it('says "participated in" with the days and place for a training activity, and its title', async () => {
    const pdf = await renderCertificatePdf({
      ...input,
      courseTitle: 'Regional workshop on border security',
      hours: 21,
      expiresAt: null,
      participation: { startsOn: '2026-11-30', endsOn: '2026-12-02', city: 'Nairobi', memberStateName: 'Kenya' },
    });
    const content = (await text(pdf)).replace(/\s+/g, ' ');
    for (const expected of [
      'Certificate of participation',
      'participated in',
      'Regional workshop on border security',
      'held in Nairobi, Kenya',
      '30 November',
      '2 December 2026',
      'Training time: 21 hours',
    ]) {
      expect(content).toContain(expected);
    }
    expect(content).not.toMatch(/completed|online course|Valid until/);
  });

  it('says an activity held online was held online', async () => {
    const pdf = await renderCertificatePdf({
      ...input,
      participation: { startsOn: '2026-11-23', endsOn: '2026-11-23', city: null, memberStateName: null },
    });
    expect((await text(pdf)).replace(/\s+/g, ' ')).toContain('held online, 23 November 2026');
  });

  it('prints a Cyrillic holder name as text that can be read back', async () => {
    const content = await text(await renderCertificatePdf({ ...input, holderName: 'Ольга Иванова' }));
    expect(content).toContain('Ольга Иванова');
  });

  it('keeps the words of an Arabic name in order, with their spaces', async () => {
    const content = (await text(await renderCertificatePdf({ ...input, holderName: 'محمد بن علي' })))
      .replace(/\p{Cc}/gu, '')
      .replace(/ +/g, ' ');
    expect(content).toContain('محمد بن علي');
  });

  it('draws a QR code whose payload is exactly the verification URL', async () => {
    const pdf = await renderCertificatePdf(input, { compress: false });
    expect(decodeQr(pdf)).toBe(input.verificationUrl);
  });

  it('has a glyph for every letter of names in the six UN languages, in every language', async () => {
    const names = ['Amina Diallo', 'José Núñez', 'Ольга Иванова', 'محمد بن علي', '王小明', '欧阳娜娜 Li'];
    for (const locale of LOCALES) {
      for (const name of names) {
        const missing = (await shape(name, locale)).flatMap((run) => run.glyphIds).filter((id) => id === 0).length;
        expect({ locale, name, missing }).toEqual({ locale, name, missing: 0 });
      }
    }
    expect((await shape('王小明'))[0]!.font).toBe('chinese');
    expect((await shape('Ольга'))[0]!.font).toBe('latin');
    expect((await shape('محمد'))[0]!.font).toBe('arabic');
  });

  it('joins Arabic letters and lays them right to left', async () => {
    const [run] = await shape('محمد');
    expect(run).toMatchObject({ font: 'arabic', rtl: true, direction: 'rtl' });
    // Joined forms, in visual order: the last letter (dal) is drawn first, in its final form, and
    // the first (meem) last, in its initial form: neither is the letter's isolated glyph.
    expect(run!.glyphIds).toHaveLength(4);
    expect(run!.glyphIds[0]).not.toBe(await glyphOf('arabic', 'د'));
    expect(run!.glyphIds.at(-1)).not.toBe(await glyphOf('arabic', 'م'));
  });

  it('puts a Latin title inside an Arabic line, and an Arabic name inside an English one, in their own direction and face', async () => {
    const arabic = await shape('مدة التعلم: Human Rights 2026', 'ar');
    // Right to left: the Latin run (with its digits) is drawn left of the Arabic label.
    expect(arabic.map((run) => [run.font, run.rtl])).toEqual([
      ['latin', false],
      ['arabic', true],
    ]);
    expect(arabic[0]!.text).toBe('Human Rights 2026');
    const english = await shape('Holder: محمد بن علي, Kenya', 'en');
    expect(english.map((run) => [run.font, run.rtl])).toEqual([
      ['latin', false],
      ['arabic', true],
      ['latin', false],
    ]);
    expect(english[1]!.text).toBe('محمد بن علي');
  });

  it('embeds only subsets of the fonts, so a certificate stays small', async () => {
    const pdf = await renderCertificatePdf({ ...input, holderName: '王小明' });
    expect(pdf.length).toBeLessThan(200_000);
  });

  it('keeps every letter of later certificates readable once a composed letter (É) was embedded', async () => {
    // fontkit caches the E that É is drawn from without its character: later text maps lost "E".
    await renderCertificatePdf({ ...input, locale: 'fr', holderName: 'Éloïse Émond' });
    const content = await text(await renderCertificatePdf({ ...input, locale: 'es', expiresAt: null, holderName: 'Eva Estrada' }));
    expect(content).toContain('Eva Estrada');
    expect(content).toContain('Emitido el 23 de noviembre de 2026');
  });
});

describe('certificate PDF in the six languages', () => {
  const titles: Record<Locale, string> = {
    ar: 'حقوق الإنسان في تحقيقات مكافحة الإرهاب',
    zh: '国际反恐法律框架',
    en: 'Human Rights in Counter-Terrorism Investigations',
    fr: 'Enquêtes financières et lutte contre le terrorisme',
    ru: 'Правовые основы борьбы с терроризмом',
    es: 'Cooperación judicial internacional',
  };
  const t = (locale: Locale, key: string, params: Record<string, string> = {}) => translate(locale, `certificate_pdf.${key}`, params);

  it.each(LOCALES)('is printed in %s: heading, labels, dates and the course title, read back by pdftotext', async (locale) => {
    const pdf = await renderCertificatePdf({ ...input, locale, courseTitle: titles[locale] });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const read = pdftotext(pdf);
    if (read === undefined) {
      console.warn('pdftotext (poppler-utils) is not installed: the PDF text is read with pdf.js instead');
    }
    const content = pdfLines(read ?? (await text(pdf))).join(' ');
    for (const expected of [t(locale, 'completionTitle'), t(locale, 'certifies'), t(locale, 'issuer'), titles[locale], input.holderName!]) {
      expect({ locale, expected, found: content.includes(expected) }).toEqual({ locale, expected, found: true });
    }
    expect(content).toContain(input.serial);
    if (locale !== 'ar') {
      // Right-to-left lines with numbers come back from pdftotext in its own order; the Arabic
      // dates are checked on the texts below.
      expect(content).toContain(t(locale, 'serial', { serial: input.serial }));
    }
  });

  it('prints an Arabic certificate whose heading and Arabic title pdftotext reads in logical order, a Latin name kept whole', async () => {
    const pdf = await renderCertificatePdf({ ...input, locale: 'ar', courseTitle: titles.ar, holderName: 'Amina Diallo' });
    const read = pdftotext(pdf);
    if (read === undefined) {
      console.warn('Skipped the logical-order check: pdftotext (poppler-utils) is not installed');
      return;
    }
    const lines = pdfLines(read);
    expect(lines).toContain('شهادة إتمام');
    expect(lines).toContain(titles.ar);
    expect(lines).toContain('Amina Diallo');
    expect(lines).toContain('قد أتم بنجاح الدورة التدريبية عبر الإنترنت');
  });

  it('writes dates, times and numbers in the language, with Western digits in Arabic', () => {
    const arabic = certificateTexts({ ...input, locale: 'ar' });
    expect(arabic.facts).toContain('23 نوفمبر 2026');
    expect(arabic.facts).toContain('23 نوفمبر 2029');
    expect(arabic.facts).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
    expect(certificateTexts({ ...input, locale: 'zh' }).facts).toContain('2026年11月23日');
    expect(certificateTexts({ ...input, locale: 'ru' }).facts).toContain('23 ноября 2026');
    expect(learningTime(90, 'fr')).toMatch(/^1\sheure 30\sminutes$/);
    expect(learningTime(90, 'zh')).toBe('1小时30分钟');
    expect(learningTime(45, 'es')).toMatch(/^45\sminutos$/);
    expect(learningTime(120, 'ar')).not.toMatch(/[\u0660-\u0669]/);
  });

  it('says a certificate of participation, a withheld name and a learning path in each language, every glyph present', async () => {
    const variants: CertificatePdfInput[] = [
      input,
      { ...input, holderName: null, learningPath: true },
      { ...input, participation: { startsOn: '2026-11-30', endsOn: '2026-12-02', city: 'Nairobi', memberStateName: 'Kenya' } },
      { ...input, participation: { startsOn: '2026-11-30', endsOn: '2026-11-30', city: null, memberStateName: null } },
    ];
    for (const locale of LOCALES) {
      const said = new Set<string>();
      for (const variant of variants) {
        const texts = certificateTexts({ ...variant, locale, courseTitle: titles[locale] });
        for (const [key, value] of Object.entries(texts)) {
          if (typeof value !== 'string') continue;
          said.add(value);
          const missing = (await shape(value, locale)).flatMap((run) => run.glyphIds).filter((id) => id === 0).length;
          expect({ locale, key, missing }).toEqual({ locale, key, missing: 0 });
        }
      }
      // Translated, not English left in place.
      if (locale !== 'en') for (const key of ['participated', 'withheld', 'completedPath']) expect(said.has(t('en', key))).toBe(false);
    }
    const participation = certificateTexts({ ...variants[2]!, locale: 'fr' });
    expect(participation.heading).toBe('Certificat de participation');
    expect(participation.where).toMatch(/^tenu à Nairobi, Kenya, 30 novembre\s?–\s?2 décembre 2026$/);
    expect(certificateTexts({ ...variants[1]!, locale: 'zh' }).withheld).toBe('本证书持有人（姓名不予显示）');
  });

  it('mirrors the page in Arabic: the QR code on the left, blocks aligned right', async () => {
    const qrLeft = async (locale: Locale) => {
      const pdf = (await renderCertificatePdf({ ...input, locale }, { compress: false })).toString('latin1');
      const xs = [...pdf.matchAll(/(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+) re/g)].filter((m) => Number(m[3]) < 10).map((m) => Number(m[1]));
      return Math.min(...xs);
    };
    expect(await qrLeft('ar')).toBeLessThan(100);
    expect(await qrLeft('en')).toBeGreaterThan(600);
  });

  it('prints a long title whole, wrapped or shrunk to fit the page', async () => {
    const title = Array.from({ length: 14 }, (_, i) => `Module${i} of international counter-terrorism cooperation`)
      .join(' ')
      .slice(0, 200);
    const content = pdfLines(pdftotext(await renderCertificatePdf({ ...input, courseTitle: title })) ?? '').join(' ');
    if (!content) return;
    for (const word of title.split(' ')) expect(content).toContain(word);
  });
});
