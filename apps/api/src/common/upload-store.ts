import { randomUUID } from 'node:crypto';
import { constants as fsConstants, createReadStream, type ReadStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ValidationError } from './app-error.js';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** How a file of a type must begin, or `text`: valid UTF-8 without NUL bytes throughout. */
type ContentCheck = ((head: Buffer) => boolean) | 'text';

const isZip = (head: Buffer) => head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
const isJpeg = (head: Buffer) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
const isPng = (head: Buffer) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
const isWebp = (head: Buffer) => head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP';
/** ISO base media (MP4, M4A): a box of type `ftyp` first. */
const isIsoMedia = (head: Buffer) => head.subarray(4, 8).toString('latin1') === 'ftyp';
/** Matroska and WebM: the EBML header. */
const isEbml = (head: Buffer) => head.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
const isOgg = (head: Buffer) => head.subarray(0, 4).toString('latin1') === 'OggS';
/** An ID3 tag, or an MPEG audio frame's sync word (11 bits set). */
const isMp3 = (head: Buffer) => head.subarray(0, 3).toString('latin1') === 'ID3' || (head[0] === 0xff && (head[1]! & 0xe0) === 0xe0);
const HEAD_BYTES = 12;

/** The types of file the platform takes: by extension, confirmed by the file's content. */
const TYPES: Record<string, { contentType: string; check: ContentCheck }> = {
  pdf: { contentType: 'application/pdf', check: (h) => h.subarray(0, 5).toString('latin1') === '%PDF-' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', check: isZip },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', check: isZip },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', check: isZip },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', check: isZip },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', check: isZip },
  odp: { contentType: 'application/vnd.oasis.opendocument.presentation', check: isZip },
  txt: { contentType: 'text/plain; charset=utf-8', check: 'text' },
  csv: { contentType: 'text/csv; charset=utf-8', check: 'text' },
  png: { contentType: 'image/png', check: isPng },
  jpg: { contentType: 'image/jpeg', check: isJpeg },
  jpeg: { contentType: 'image/jpeg', check: isJpeg },
  webp: { contentType: 'image/webp', check: isWebp },
  mp4: { contentType: 'video/mp4', check: isIsoMedia },
  webm: { contentType: 'video/webm', check: isEbml },
  m4a: { contentType: 'audio/mp4', check: isIsoMedia },
  mp3: { contentType: 'audio/mpeg', check: isMp3 },
  ogg: { contentType: 'audio/ogg', check: isOgg },
  oga: { contentType: 'audio/ogg', check: isOgg },
};

/** Which of those types one kind of upload takes, and how large it may be. */
export interface UploadPolicy {
  extensions: readonly string[];
  maxBytes: number;
  /** Where this kind of upload means another type than the extension's usual one (a WebM that holds audio only). */
  contentTypes?: Readonly<Record<string, string>>;
}

/** What trainers may attach to a resource lesson. */
export const RESOURCE_UPLOADS: UploadPolicy = {
  extensions: ['pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'txt', 'csv', 'png', 'jpg', 'jpeg'],
  maxBytes: MAX_UPLOAD_BYTES,
};

export const ALLOWED_UPLOAD_EXTENSIONS = RESOURCE_UPLOADS.extensions;

/**
 * A video lesson's own video, standard or low-bitrate. 500 MB is about an hour of 720p at 1 Mbit/s:
 * a lecture, not a film; longer belongs on a video host.
 */
export const VIDEO_UPLOADS: UploadPolicy = { extensions: ['mp4', 'webm'], maxBytes: 500 * 1024 * 1024 };

/** A video lesson's audio-only rendition: a few hours of speech at 64 kbit/s. */
export const AUDIO_UPLOADS: UploadPolicy = {
  extensions: ['m4a', 'mp3', 'ogg', 'oga', 'webm'],
  maxBytes: 100 * 1024 * 1024,
  contentTypes: { webm: 'audio/webm' },
};

/**
 * Every stored name a row names, as `name`: a resource lesson's file, each rendition of a video
 * lesson's own video and each rendition of a course's cover. The sweep keeps these files and the
 * backup takes them; one list for both.
 */
export const REFERENCED_UPLOADS_SQL = `SELECT l.resource->>'storedName' AS name FROM lessons l WHERE l.resource IS NOT NULL
  UNION SELECT v.value->>'storedName' AS name FROM lessons l, jsonb_each(l.video) v WHERE l.video IS NOT NULL
  UNION SELECT f.value AS name FROM courses c, jsonb_each_text(c.cover->'files') f WHERE c.cover IS NOT NULL`;

const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TEMPORARY_SUFFIX = '.part';

const tooLarge = (policy: UploadPolicy) => ValidationError.field('file', 'file_too_large', { maxMb: policy.maxBytes / 1024 / 1024 });

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

export interface StoredFile {
  storedName: string;
  fileName: string;
  contentType: string;
  size: number;
}

/** A stored file opened for reading in ranges (see UploadStore.openRanged). */
export interface RangedFile {
  size: number;
  modifiedAt: Date;
  /** Bytes start..end, both included; the file closes when the stream ends. */
  stream(start: number, end: number): ReadStream;
  close(): Promise<void>;
}

/** A file under the uploads folder, as the sweep sees it. */
export interface UploadEntry {
  storedName: string;
  /** False: still `<storedName>.part`, written but not (yet) attached by a committed transaction. */
  placed: boolean;
  modifiedAt: Date;
}

/**
 * Uploaded files under DATA_DIR/uploads, named by random ids: a client never chooses a path.
 *
 * An upload is streamed to `<id>.part` (never held in memory), checked there, and renamed to `<id>`
 * only once the transaction that attaches it has committed ({@link place}). So a `.part` file is
 * either in flight, or left by a failure and removed by the sweep; a `<id>` file not named by any
 * lesson is an orphan the sweep removes too (courses/upload-sweeper.ts).
 */
@Injectable()
export class UploadStore {
  private readonly dir: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dir = path.join(config.dataDir, 'uploads');
  }

  /**
   * Streams an upload into a temporary file, refusing it once it passes the size limit, then
   * checks its type from what was written. Whatever fails, no file is left behind.
   */
  async receive(originalName: string, content: Readable, policy: UploadPolicy = RESOURCE_UPLOADS): Promise<StoredFile> {
    const fileName =
      path
        .basename(originalName.replace(/\\/g, '/'))
        .replace(/[\p{Cc}"]/gu, '')
        .slice(0, 200) || 'file';
    const extension = path.extname(fileName).slice(1).toLowerCase();
    const type = policy.extensions.includes(extension) ? TYPES[extension] : undefined;
    // Refused before a byte is written; the multipart interceptor discards the rest of the body.
    if (!type) throw ValidationError.field('file', 'file_type_not_allowed', { allowed: policy.extensions });
    await mkdir(this.dir, { recursive: true });
    const storedName = randomUUID();
    const temporary = this.temporaryPath(storedName);
    try {
      const size = await this.write(content, temporary, policy);
      if (size === 0) throw ValidationError.field('file', 'file_empty');
      if (!(await this.looksRight(temporary, type.check))) throw ValidationError.field('file', 'file_content_mismatch', { extension });
      return { storedName, fileName, contentType: policy.contentTypes?.[extension] ?? type.contentType, size };
    } catch (error) {
      await rm(temporary, { force: true });
      // The interceptor fails the stream with a 413 once busboy counts past limits.fileSize.
      throw error instanceof PayloadTooLargeException ? tooLarge(policy) : error;
    }
  }

  /**
   * Keeps bytes the platform made (a cover's rendition) as a new temporary file, to be placed once
   * the transaction naming it commits, like an upload.
   */
  async keep(data: Buffer): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const storedName = randomUUID();
    const handle = await open(this.temporaryPath(storedName), 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return storedName;
  }

  /**
   * Copies a stored file (a language version of a course gets its own copy of each file, so that
   * removing one version's file leaves the other's) as a new temporary file, to be placed once the
   * transaction naming it commits, like an upload. Undefined when the file is not there.
   */
  async copy(storedName: string): Promise<string | undefined> {
    await mkdir(this.dir, { recursive: true });
    const copyName = randomUUID();
    for (const source of [this.path(storedName), this.temporaryPath(storedName)]) {
      try {
        await copyFile(source, this.temporaryPath(copyName), fsConstants.COPYFILE_EXCL);
        return copyName;
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    return undefined;
  }

  /**
   * Moves a received file into place; call it once the transaction naming it has committed. A file
   * already moved (by the sweep) or removed (replaced meanwhile by a newer upload) is no error.
   */
  async place(storedName: string): Promise<void> {
    try {
      await rename(this.temporaryPath(storedName), this.path(storedName));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  /**
   * Removes a file, placed or not. The temporary one goes first: a place() racing this either
   * renamed it before (and the placed file is removed next) or finds nothing to rename.
   */
  async remove(storedName: string): Promise<void> {
    await rm(this.temporaryPath(storedName), { force: true });
    await rm(this.path(storedName), { force: true });
  }

  /** Removes exactly the file the sweep listed; already gone is fine (another replica swept it). */
  async removeEntry(entry: UploadEntry): Promise<void> {
    await rm(entry.placed ? this.path(entry.storedName) : this.temporaryPath(entry.storedName), { force: true });
  }

  /**
   * A stored file to read, or undefined when it is not there. Between the commit that attaches a
   * file and its move into place it is still the temporary file, which is complete by then.
   */
  async read(storedName: string): Promise<{ stream: ReadStream; size: number } | undefined> {
    for (const file of [this.path(storedName), this.temporaryPath(storedName), this.path(storedName)]) {
      try {
        const handle = await open(file, 'r');
        try {
          const { size } = await handle.stat();
          return { stream: handle.createReadStream(), size };
        } catch (error) {
          await handle.close();
          throw error;
        }
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    return undefined;
  }

  /**
   * A stored file to read in parts (ranges), or undefined when it is not there: its size, when it
   * was written, and a stream of any byte range of it. The one open file serves the stream; call
   * close() if no stream is taken.
   */
  async openRanged(storedName: string): Promise<RangedFile | undefined> {
    for (const file of [this.path(storedName), this.temporaryPath(storedName), this.path(storedName)]) {
      try {
        const handle = await open(file, 'r');
        try {
          const { size, mtime } = await handle.stat();
          return {
            size,
            modifiedAt: mtime,
            stream: (start, end) => handle.createReadStream({ start, end, autoClose: true }),
            close: () => handle.close(),
          };
        } catch (error) {
          await handle.close();
          throw error;
        }
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    return undefined;
  }

  /**
   * A new temporary file's name and path, for a program of ours to write (ffmpeg); then placed or
   * removed like an upload. Not created here: the writer creates it.
   */
  async reserve(): Promise<{ storedName: string; file: string }> {
    await mkdir(this.dir, { recursive: true });
    const storedName = randomUUID();
    return { storedName, file: this.temporaryPath(storedName) };
  }

  /** Where a stored file is on disk now (placed, or still temporary), or undefined when it is not there. */
  async localPath(storedName: string): Promise<string | undefined> {
    for (const file of [this.path(storedName), this.temporaryPath(storedName), this.path(storedName)]) {
      try {
        if ((await stat(file)).isFile()) return file;
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    return undefined;
  }

  /** Every file of ours in the folder (names we made), with when it was last written. */
  async list(): Promise<UploadEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const entries: UploadEntry[] = [];
    for (const name of names) {
      const placed = !name.endsWith(TEMPORARY_SUFFIX);
      const storedName = placed ? name : name.slice(0, -TEMPORARY_SUFFIX.length);
      if (!STORED_NAME.test(storedName)) continue;
      try {
        const info = await stat(path.join(this.dir, name));
        if (info.isFile()) entries.push({ storedName, placed, modifiedAt: info.mtime });
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    return entries;
  }

  private path(storedName: string): string {
    return path.join(this.dir, path.basename(storedName));
  }

  private temporaryPath(storedName: string): string {
    return this.path(storedName) + TEMPORARY_SUFFIX;
  }

  /** Writes the stream to a new file as it arrives, counting; synced to disk before it may be attached. */
  private async write(content: Readable, file: string, policy: UploadPolicy): Promise<number> {
    const handle = await open(file, 'wx', 0o600);
    let size = 0;
    try {
      for await (const chunk of content as AsyncIterable<Buffer>) {
        size += chunk.length;
        // The interceptor's limit should stop it first; this holds whatever it is set to.
        if (size > policy.maxBytes) throw tooLarge(policy);
        for (let written = 0; written < chunk.length;) written += (await handle.write(chunk, written)).bytesWritten;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    return size;
  }

  private async looksRight(file: string, check: ContentCheck): Promise<boolean> {
    if (check === 'text') return isText(file);
    const handle = await open(file, 'r');
    try {
      const head = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
      return check(head.subarray(0, bytesRead));
    } finally {
      await handle.close();
    }
  }
}

/** Valid UTF-8 without NUL bytes, read in chunks: a text file may be as large as any other. */
async function isText(file: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      if (chunk.includes(0)) return false;
      decoder.decode(chunk, { stream: true });
    }
    decoder.decode();
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}
