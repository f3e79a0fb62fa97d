import { createHash } from 'node:crypto';
import type { SharpOptions } from 'sharp';
import { ValidationError } from '../common/app-error.js';
import type { UploadPolicy } from '../common/upload-store.js';

/** What a trainer may upload as a cover: checked by extension and first bytes, then decoded. */
export const COVER_UPLOADS: UploadPolicy = { extensions: ['jpg', 'jpeg', 'png', 'webp'], maxBytes: 5 * 1024 * 1024 };

/** The widths served, smallest first; every rendition is cut to 16:9. */
export const COVER_WIDTHS = [400, 800] as const;
export type CoverWidth = (typeof COVER_WIDTHS)[number];
export const coverHeight = (width: number) => Math.round((width * 9) / 16);

/** A decompression bomb (a small file that decodes into gigabytes) is refused before it is decoded. */
export const COVER_MAX_MEGAPIXELS = 40;
const QUALITY = 70;

/** What a course row keeps of its cover (`courses.cover`): the stored renditions and their version. */
export interface CourseCover {
  /** Changes with every upload; it is part of the renditions' URLs, which may then be cached for good. */
  version: string;
  /** The rendition of each width, by its name under DATA_DIR/uploads. */
  files: Record<`${CoverWidth}`, string>;
}

/** The cover as the course read models carry it (CourseCoverDto). */
export interface CoverView {
  url: string;
  srcset: string;
  width: number;
  height: number;
}

export function coverUrl(courseId: string, cover: CourseCover, width: CoverWidth): string {
  return `/api/courses/${courseId}/cover/${width}.webp?v=${cover.version}`;
}

export function toCoverView(courseId: string, cover: CourseCover | null): CoverView | null {
  if (!cover) return null;
  const largest = COVER_WIDTHS.at(-1)!;
  return {
    url: coverUrl(courseId, cover, largest),
    srcset: COVER_WIDTHS.map((width) => `${coverUrl(courseId, cover, width)} ${width}w`).join(', '),
    width: largest,
    height: coverHeight(largest),
  };
}

/**
 * The WebP renditions of an uploaded image: turned upright from its EXIF orientation, cut to 16:9
 * around its most interesting part, metadata (EXIF, GPS, ICC comments) dropped. Anything sharp
 * cannot decode as a JPEG, PNG or WebP is the uploader's mistake, answered 400 on the `file` field.
 */
export async function renderCover(source: Buffer): Promise<{ version: string; renditions: { width: CoverWidth; data: Buffer }[] }> {
  const sharp = await loadSharp();
  const options: SharpOptions = { limitInputPixels: COVER_MAX_MEGAPIXELS * 1_000_000, failOn: 'error', sequentialRead: true };
  let format: string | undefined;
  try {
    ({ format } = await sharp(source, options).metadata());
  } catch (error) {
    throw unreadable(error);
  }
  if (format !== 'jpeg' && format !== 'png' && format !== 'webp') throw ValidationError.field('file', 'image_unreadable');
  const renditions: { width: CoverWidth; data: Buffer }[] = [];
  for (const width of COVER_WIDTHS) {
    try {
      const data = await sharp(source, options)
        .rotate()
        .resize(width, coverHeight(width), { fit: 'cover', position: sharp.strategy.attention })
        .webp({ quality: QUALITY, effort: 4 })
        .toBuffer();
      renditions.push({ width, data });
    } catch (error) {
      throw unreadable(error);
    }
  }
  return { version: createHash('sha256').update(source).digest('base64url').slice(0, 16), renditions };
}

function unreadable(error: unknown): Error {
  if (/pixel limit/i.test((error as Error).message ?? '')) {
    return ValidationError.field('file', 'image_too_many_pixels', { maxMegapixels: COVER_MAX_MEGAPIXELS });
  }
  return ValidationError.field('file', 'image_unreadable');
}

let sharpLoading: Promise<typeof import('sharp').default> | undefined;

/**
 * sharp at the first cover, not at start: libvips is 6 MB of resident memory that most processes,
 * which never draw a cover, need not hold (issue 22). No cache of decoded images either: memory is
 * the API's scarcest resource (it runs with a 128 MB heap).
 */
function loadSharp(): Promise<typeof import('sharp').default> {
  return (sharpLoading ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    return sharp;
  }));
}
