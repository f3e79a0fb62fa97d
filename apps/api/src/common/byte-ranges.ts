import parseRange from 'range-parser';

/** What the request asks of a file, from its headers. */
export interface RangeRequest {
  range?: string;
  ifRange?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
}

/** The file as the validators see it. */
export interface RangeTarget {
  size: number;
  etag: string;
  lastModified: Date;
}

/**
 * How to answer a GET of a file: whole (200), a part (206, bytes start..end included), not at
 * all because the caller's copy is current (304), or with no part of it (416).
 *
 * RFC 9110 as browsers' media elements use it: one range of bytes (`bytes=0-`, `bytes=500-999`,
 * the suffix `bytes=-100`). A Range header that is malformed, of another unit, or not for the
 * current file (If-Range naming another ETag or date) is ignored: the whole file. Several ranges
 * are merged where they overlap or touch; when more than one remains, the whole file is sent as a
 * 200 rather than a multipart/byteranges body (allowed: a server may ignore Range). Conditions
 * compare If-None-Match (weakly) before If-Modified-Since, as the RFC orders them.
 */
export type RangePlan =
  { status: 200; start: 0; end: number } | { status: 206; start: number; end: number } | { status: 304 } | { status: 416 };

/** `If-None-Match` holds this ETag (or `*`); the weak comparison, as for GET. */
function noneMatch(header: string, etag: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** HTTP dates have whole seconds: a file written within the second of the date is not newer. */
function notModifiedSince(header: string, lastModified: Date): boolean {
  const since = Date.parse(header);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

/** If-Range: the strong ETag exactly, or exactly the Last-Modified date this answer carries. */
function rangeStillApplies(ifRange: string, target: RangeTarget): boolean {
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith('W/')) return value === target.etag;
  return value === target.lastModified.toUTCString();
}

export function planRange(request: RangeRequest, target: RangeTarget): RangePlan {
  if (request.ifNoneMatch !== undefined) {
    if (noneMatch(request.ifNoneMatch, target.etag)) return { status: 304 };
  } else if (request.ifModifiedSince !== undefined && notModifiedSince(request.ifModifiedSince, target.lastModified)) {
    return { status: 304 };
  }
  const whole = { status: 200, start: 0, end: target.size - 1 } as const;
  if (!request.range || (request.ifRange !== undefined && !rangeStillApplies(request.ifRange, target))) return whole;
  // RFC 9110 14.1.2: a suffix longer than the file means all of it (range-parser calls it unsatisfiable).
  const suffix = /^bytes=\s*-(\d+)\s*$/.exec(request.range);
  if (suffix && Number(suffix[1]) >= target.size && target.size > 0) return { status: 206, start: 0, end: target.size - 1 };
  const ranges = parseRange(target.size, request.range, { combine: true });
  if (ranges === -1) return { status: 416 };
  if (ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return whole;
  const { start, end } = ranges[0]!;
  return { status: 206, start, end };
}
