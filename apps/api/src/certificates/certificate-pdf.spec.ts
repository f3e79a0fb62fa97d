import { describe, expect, it } from '@jest/globals';
import jsQRModule from 'jsqr';
import { extractText, getDocumentProxy } from 'unpdf';
import { learningTime, renderCertificatePdf, shape, type CertificatePdfInput } from './certificate-pdf.js';

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

  it('has a glyph for every letter of names in the six UN languages', async () => {
    const names = ['Amina Diallo', 'José Núñez', 'Ольга Иванова', 'محمد بن علي', '王小明', '欧阳娜娜 Li'];
    for (const name of names) {
      const shaped = await shape(name);
      expect({ name, missing: shaped.glyphIds.filter((id) => id === 0).length }).toEqual({ name, missing: 0 });
    }
    expect((await shape('王小明')).font).toBe('chinese');
    expect((await shape('Ольга')).font).toBe('latin');
  });

  it('joins Arabic letters and lays them right to left', async () => {
    const shaped = await shape('محمد');
    expect(shaped.font).toBe('arabic');
    expect(shaped.direction).toBe('rtl');
    // Joined forms, in visual order: the last letter (dal, final form) is drawn first.
    expect(shaped.glyphNames[0]).toMatch(/062F\.fina/i);
    expect(shaped.glyphNames.at(-1)).toMatch(/0645\.init/i);
  });

  it('embeds only subsets of the fonts, so a certificate stays small', async () => {
    const pdf = await renderCertificatePdf({ ...input, holderName: '王小明' });
    expect(pdf.length).toBeLessThan(200_000);
  });
});
