import type * as Fontkit from 'fontkit';
import type { Bidi } from 'bidi-js';

/**
 * Lines of text in any mix of scripts, laid out for pdfkit, whose wrapping knows nothing of right
 * to left: the Unicode bidirectional algorithm (bidi-js) gives each character its level, the
 * line is cut into runs of one level and one font, the runs are put in visual order, and each is
 * drawn on its own at an explicit x. fontkit shapes a run (Arabic letters joined, laid right to
 * left); a line that is too wide shrinks, or wraps at spaces into a few lines that each do.
 */

export const FONT_NAMES = ['latin', 'latinBold', 'arabic', 'arabicBold', 'chinese'] as const;
export type FontName = (typeof FONT_NAMES)[number];
export type Fonts = Record<FontName, Fontkit.Font>;
export type Direction = 'ltr' | 'rtl';

/** One piece of a line, drawn with one `text()` call: its characters as they are given to the font. */
export interface TextRun {
  text: string;
  font: FontName;
  rtl: boolean;
  /** In points: the line's, larger for Arabic (see SCALE). */
  size: number;
  width: number;
}

export interface TextLine {
  runs: TextRun[];
  width: number;
  size: number;
}

export interface LineStyle {
  /** The paragraph's direction: the certificate's language's. */
  direction: Direction;
  bold?: boolean;
  size: number;
}

/** Amiri's letters are small beside Noto Sans's at one size: Arabic is drawn a fifth larger. */
const SCALE: Record<FontName, number> = { latin: 1, latinBold: 1, arabic: 1.2, arabicBold: 1.2, chinese: 1 };

const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
const CJK =
  /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3134f}]/u;
const LETTER = /\p{L}/u;

/** The face a character's script is drawn in; undefined for spaces, digits, punctuation and marks, which go with their neighbours. */
function scriptFont(char: string, bold: boolean): FontName | undefined {
  if (CJK.test(char)) return 'chinese';
  if (ARABIC.test(char)) return bold ? 'arabicBold' : 'arabic';
  if (LETTER.test(char)) return bold ? 'latinBold' : 'latin';
  return undefined;
}

/** The face for characters with no script of their own and no neighbour to follow. */
function baseFont(direction: Direction, text: string, bold: boolean): FontName {
  if (direction === 'rtl') return bold ? 'arabicBold' : 'arabic';
  return CJK.test(text) ? 'chinese' : bold ? 'latinBold' : 'latin';
}

/** Each character's face: its script's, else its neighbour's at the same level, else the paragraph's; always one that has the glyph when any does. */
function chooseFonts(fonts: Fonts, chars: string[], levels: number[], style: LineStyle, text: string): FontName[] {
  const bold = style.bold ?? false;
  const chosen = chars.map((char) => scriptFont(char, bold));
  for (let i = 1; i < chars.length; i++) if (!chosen[i] && levels[i] === levels[i - 1]) chosen[i] = chosen[i - 1];
  for (let i = chars.length - 2; i >= 0; i--) if (!chosen[i] && levels[i] === levels[i + 1]) chosen[i] = chosen[i + 1];
  const fallback = baseFont(style.direction, text, bold);
  const order: FontName[] = [bold ? 'latinBold' : 'latin', 'chinese', bold ? 'arabicBold' : 'arabic'];
  return chars.map((char, i) => {
    const font = chosen[i] ?? fallback;
    const codePoint = char.codePointAt(0)!;
    if (fonts[font].hasGlyphForCodePoint(codePoint)) return font;
    return order.find((other) => fonts[other].hasGlyphForCodePoint(codePoint)) ?? font;
  });
}

/** Reverses the code points of a string (surrogate pairs kept whole). */
const reversed = (text: string) => Array.from(text).reverse().join('');

/** The width of a run in points, as pdfkit will draw it (no OpenType features asked for: the font's defaults). */
function runWidth(font: Fontkit.Font, text: string, size: number): { width: number; direction: string } {
  const run = font.layout(text, []);
  return { width: (run.advanceWidth / font.unitsPerEm) * size, direction: run.direction };
}

/**
 * One line in visual order: runs of one bidi level and one face, left to right. A run at a
 * right-to-left level gets its mirrored brackets from the algorithm; fontkit lays a run of Arabic
 * right to left itself, and one of only neutral characters is reversed here.
 */
export function layoutLine(bidi: Bidi, fonts: Fonts, text: string, style: LineStyle): TextLine {
  const embedding = bidi.getEmbeddingLevels(text, style.direction);
  const mirrored = bidi.getMirroredCharactersMap(text, embedding.levels);
  const chars: string[] = [];
  const levels: number[] = [];
  let offset = 0;
  for (const char of text) {
    chars.push(mirrored.get(offset) ?? char);
    levels.push(embedding.levels[offset]!);
    offset += char.length;
  }
  const faces = chooseFonts(fonts, chars, levels, style, text);

  const logical: Array<{ text: string; font: FontName; level: number }> = [];
  chars.forEach((char, i) => {
    const last = logical.at(-1);
    if (last && last.font === faces[i] && last.level === levels[i]) last.text += char;
    else logical.push({ text: char, font: faces[i]!, level: levels[i]! });
  });

  // Rule L2 of the algorithm, on whole runs: from the highest level down to the lowest odd one,
  // reverse every stretch of runs at that level or above.
  const visual = [...logical];
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.map((level) => (level % 2 ? level : level + 1)));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let start = 0; start < visual.length;) {
      if (visual[start]!.level < level) {
        start++;
        continue;
      }
      let end = start;
      while (end < visual.length && visual[end]!.level >= level) end++;
      visual.splice(start, end - start, ...visual.slice(start, end).reverse());
      start = end;
    }
  }

  const runs = visual.map((run): TextRun => {
    const rtl = run.level % 2 === 1;
    const size = style.size * SCALE[run.font];
    let measured = runWidth(fonts[run.font], run.text, size);
    let drawn = run.text;
    if (rtl && measured.direction !== 'rtl') {
      drawn = reversed(run.text);
      measured = runWidth(fonts[run.font], drawn, size);
    }
    return { text: drawn, font: run.font, rtl, size, width: measured.width };
  });
  return { runs, width: runs.reduce((sum, run) => sum + run.width, 0), size: style.size };
}

/** Where a line may break: after a space, and between two Chinese characters. */
function breakPoints(text: string): string[] {
  return text.match(/[\u3400-\u9fff\uf900-\ufaff][\u3000-\u303f\uff00-\uffef]*|[^\s\u3400-\u9fff\uf900-\ufaff]+\s*|\s+/gu) ?? [text];
}

/**
 * A text in at most `maxLines` lines no wider than `width`: one line at `size` when it fits;
 * otherwise one line shrunk, down to `minSize`; otherwise wrapped at `minSize`, each line shrunk
 * further if it must. Lines are cut in logical order, then each is laid out on its own.
 */
export function layoutParagraph(
  bidi: Bidi,
  fonts: Fonts,
  text: string,
  style: LineStyle & { width: number; minSize?: number; maxLines?: number },
): TextLine[] {
  const minSize = style.minSize ?? style.size;
  const one = layoutLine(bidi, fonts, text, style);
  if (one.width <= style.width) return [one];
  const fitted = (style.size * style.width) / one.width;
  if (fitted >= minSize || (style.maxLines ?? 1) <= 1)
    return [layoutLine(bidi, fonts, text, { ...style, size: Math.max(fitted * 0.999, 1) })];

  const small = { ...style, size: minSize };
  const lines: string[] = [];
  let current = '';
  for (const piece of breakPoints(text)) {
    if (current.trim() && layoutLine(bidi, fonts, (current + piece).trim(), small).width > style.width) {
      lines.push(current);
      current = piece;
    } else current += piece;
  }
  if (current.trim()) lines.push(current);
  const maxLines = style.maxLines ?? 1;
  const kept = lines.length > maxLines ? [...lines.slice(0, maxLines - 1), lines.slice(maxLines - 1).join('')] : lines;
  return kept.map((line) => {
    const laid = layoutLine(bidi, fonts, line.trim(), small);
    return laid.width <= style.width
      ? laid
      : layoutLine(bidi, fonts, line.trim(), { ...small, size: (minSize * style.width * 0.999) / laid.width });
  });
}
