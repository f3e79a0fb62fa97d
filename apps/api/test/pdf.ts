import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The text poppler's pdftotext reads from a PDF — what a reader copies or searches, right-to-left
 * lines in logical order — or undefined when poppler-utils is not installed (CI installs it).
 */
export function pdftotext(pdf: Buffer): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'certificate-'));
  try {
    writeFileSync(join(dir, 'c.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pdftotext's lines without the bidi marks it puts around runs, whitespace collapsed. */
export function pdfLines(text: string): string[] {
  return text.split('\n').map((line) =>
    line
      .replace(/[\u200e\u200f\u202a-\u202e]/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}
