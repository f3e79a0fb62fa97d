import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ValidationError } from './app-error.js';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** What trainers may attach to a resource lesson: by extension, confirmed by the file's first bytes. */
const ALLOWED: Record<string, { contentType: string; looksRight: (head: Buffer) => boolean }> = {
  pdf: { contentType: 'application/pdf', looksRight: (h) => h.subarray(0, 5).toString('latin1') === '%PDF-' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', looksRight: isZip },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', looksRight: isZip },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', looksRight: isZip },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', looksRight: isZip },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', looksRight: isZip },
  odp: { contentType: 'application/vnd.oasis.opendocument.presentation', looksRight: isZip },
  txt: { contentType: 'text/plain; charset=utf-8', looksRight: isText },
  csv: { contentType: 'text/csv; charset=utf-8', looksRight: isText },
  png: {
    contentType: 'image/png',
    looksRight: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  jpg: { contentType: 'image/jpeg', looksRight: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  jpeg: { contentType: 'image/jpeg', looksRight: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
};

export const ALLOWED_UPLOAD_EXTENSIONS = Object.keys(ALLOWED);

function isZip(head: Buffer): boolean {
  return head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
}

function isText(content: Buffer): boolean {
  return !content.includes(0) && Buffer.from(content.toString('utf8'), 'utf8').equals(content);
}

export interface StoredFile {
  storedName: string;
  fileName: string;
  contentType: string;
  size: number;
}

/** Uploaded files under DATA_DIR/uploads, named by random ids: a client never chooses a path. */
@Injectable()
export class UploadStore {
  private readonly dir: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dir = path.join(config.dataDir, 'uploads');
  }

  /** Checks type and size, then writes the file (atomically: a reader never sees half of it). */
  async save(originalName: string, content: Buffer): Promise<StoredFile> {
    const fileName =
      path
        .basename(originalName.replace(/\\/g, '/'))
        .replace(/[\p{Cc}"]/gu, '')
        .slice(0, 200) || 'file';
    const extension = path.extname(fileName).slice(1).toLowerCase();
    const type = ALLOWED[extension];
    if (!type) throw ValidationError.field('file', 'file_type_not_allowed', { allowed: ALLOWED_UPLOAD_EXTENSIONS });
    if (content.length === 0) throw ValidationError.field('file', 'file_empty');
    if (content.length > MAX_UPLOAD_BYTES) throw ValidationError.field('file', 'file_too_large', { maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 });
    if (!type.looksRight(content)) throw ValidationError.field('file', 'file_content_mismatch', { extension });
    await mkdir(this.dir, { recursive: true });
    const storedName = randomUUID();
    const temporary = path.join(this.dir, `${storedName}.part`);
    await writeFile(temporary, content, { mode: 0o600 });
    await rename(temporary, this.path(storedName));
    return { storedName, fileName, contentType: type.contentType, size: content.length };
  }

  path(storedName: string): string {
    return path.join(this.dir, path.basename(storedName));
  }

  async remove(storedName: string): Promise<void> {
    await rm(this.path(storedName), { force: true });
  }
}
