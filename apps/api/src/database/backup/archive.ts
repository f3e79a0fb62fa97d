import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Header } from 'tar';

/**
 * A gzip-compressed tar file, written and read as a stream: plain ustar entries (regular files
 * only), each header checked with its checksum, every body streamed, never held whole. The `tar`
 * package encodes and decodes the headers; the rest is the 512-byte block layout of POSIX tar, so
 * the archive opens with any tar (`tar -tzf ctlp-backup-….tar.gz`).
 */

const BLOCK = 512;
const ZEROS = Buffer.alloc(BLOCK * 2);

/** A damaged, truncated or foreign archive. Nothing is written before one is known to be sound. */
export class ArchiveError extends Error {}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** Writes entries into `out` (gzip in front of a file, in practice), waiting whenever it is full. */
export class ArchiveWriter {
  constructor(
    private readonly out: Writable,
    private readonly mtime = new Date(),
  ) {}

  private async write(chunk: Buffer): Promise<void> {
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  private header(path: string, size: number): Buffer {
    const header = new Header({ path, size, mode: 0o600, uid: 0, gid: 0, uname: '', gname: '', mtime: this.mtime, type: 'File' });
    const block = Buffer.alloc(BLOCK);
    if (header.encode(block, 0) || header.needPax) throw new Error(`Archive entry name too long for a plain tar header: ${path}`);
    return block;
  }

  async addBuffer(path: string, content: Buffer): Promise<void> {
    await this.write(this.header(path, content.length));
    await this.write(content);
    await this.write(ZEROS.subarray(0, padding(content.length)));
  }

  /** An entry whose size is known before it is read (a file on disk); fails if the source disagrees. */
  async addStream(path: string, size: number, source: AsyncIterable<Buffer>): Promise<void> {
    await this.write(this.header(path, size));
    let written = 0;
    for await (const chunk of source) {
      written += chunk.length;
      if (written > size) break;
      await this.write(chunk);
    }
    if (written !== size) throw new Error(`${path} changed size while it was archived (${size} bytes expected)`);
    await this.write(ZEROS.subarray(0, padding(size)));
  }

  /** The end-of-archive marker (two zero blocks); the caller then ends `out`. */
  async finish(): Promise<void> {
    await this.write(ZEROS);
  }
}

export interface ArchiveEntry {
  path: string;
  size: number;
  /** The entry's bytes, in pieces; read it to the end or not at all (then it is skipped). */
  body(): AsyncIterable<Buffer>;
}

/** Buffers a byte stream so exact lengths can be taken from it. */
class ByteReader {
  private readonly iterator: AsyncIterator<Buffer>;
  private pending: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(source: AsyncIterable<Buffer>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** False at the end of the stream, with nothing left. */
  private async fill(): Promise<boolean> {
    while (this.pending.length === 0 && !this.done) {
      const next = await this.iterator.next();
      if (next.done) this.done = true;
      else this.pending = next.value;
    }
    return this.pending.length > 0;
  }

  /** Exactly `n` bytes, or null at a clean end of the stream; an end part-way is an error. */
  async take(n: number): Promise<Buffer | null> {
    const parts: Buffer[] = [];
    let have = 0;
    while (have < n) {
      if (!(await this.fill())) {
        if (have === 0) return null;
        throw new ArchiveError('The archive ends in the middle of an entry: it is truncated.');
      }
      const part = this.pending.subarray(0, n - have);
      this.pending = this.pending.subarray(part.length);
      parts.push(part);
      have += part.length;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, n);
  }

  async *stream(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (!(await this.fill())) throw new ArchiveError('The archive ends in the middle of an entry: it is truncated.');
      const part = this.pending.subarray(0, left);
      this.pending = this.pending.subarray(part.length);
      left -= part.length;
      yield part;
    }
  }

  async skip(n: number): Promise<void> {
    for await (const part of this.stream(n)) void part;
  }

  /** True when nothing but zero bytes remains (tar writers may pad the end with more). */
  async onlyZerosLeft(): Promise<boolean> {
    while (await this.fill()) {
      if (this.pending.some((byte) => byte !== 0)) return false;
      this.pending = Buffer.alloc(0);
    }
    return true;
  }
}

async function* gunzipped(file: string): AsyncGenerator<Buffer> {
  const gunzip = createReadStream(file).pipe(createGunzip());
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw error;
    const reason = code === 'Z_BUF_ERROR' ? 'it is truncated' : `${(error as Error).message}`;
    throw new ArchiveError(`The archive is not a readable .tar.gz file (${reason}).`);
  } finally {
    gunzip.destroy();
  }
}

/**
 * The entries of a .tar.gz file in order. Refuses anything but regular files, a header whose
 * checksum fails, and an archive that ends early or without the end-of-archive marker.
 */
export async function* readArchive(file: string): AsyncGenerator<ArchiveEntry> {
  const reader = new ByteReader(gunzipped(file));
  for (;;) {
    const block = await reader.take(BLOCK);
    if (!block) throw new ArchiveError('The archive ends without its end marker: it is truncated.');
    if (block.every((byte) => byte === 0)) {
      if (!(await reader.onlyZerosLeft())) throw new ArchiveError('The archive holds data after its end marker.');
      return;
    }
    let header: Header;
    try {
      header = new Header(block);
    } catch {
      throw new ArchiveError('The archive holds an unreadable tar header.');
    }
    if (!header.cksumValid) throw new ArchiveError('The archive holds a damaged tar header (checksum mismatch).');
    if (header.type !== 'File' && header.type !== 'OldFile') {
      throw new ArchiveError(`The archive holds an entry that is not a plain file: ${header.path} (${header.type}).`);
    }
    const size = header.size ?? 0;
    const path = header.path ?? '';
    let started = false;
    let read = 0;
    yield {
      path,
      size,
      body: async function* () {
        if (started) throw new Error(`${path} was already read`);
        started = true;
        for await (const part of reader.stream(size)) {
          read += part.length;
          yield part;
        }
      },
    };
    await reader.skip(size - read);
    await reader.skip(padding(size));
  }
}
