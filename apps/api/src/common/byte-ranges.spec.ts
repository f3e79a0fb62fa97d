import { describe, expect, it } from '@jest/globals';
import { planRange } from './byte-ranges.js';

const target = { size: 1000, etag: '"abc"', lastModified: new Date('2026-12-01T10:00:00.400Z') };

describe('planning the answer to a ranged GET', () => {
  it('sends one range, a suffix, or an open range, clamped to the file', () => {
    expect(planRange({ range: 'bytes=10-19' }, target)).toEqual({ status: 206, start: 10, end: 19 });
    expect(planRange({ range: 'bytes=-100' }, target)).toEqual({ status: 206, start: 900, end: 999 });
    expect(planRange({ range: 'bytes=-5000' }, target)).toEqual({ status: 206, start: 0, end: 999 });
    expect(planRange({ range: 'bytes=990-5000' }, target)).toEqual({ status: 206, start: 990, end: 999 });
  });

  it('merges touching ranges and sends the whole file for several apart', () => {
    expect(planRange({ range: 'bytes=0-9,10-19' }, target)).toEqual({ status: 206, start: 0, end: 19 });
    expect(planRange({ range: 'bytes=0-9,50-59' }, target)).toEqual({ status: 200, start: 0, end: 999 });
  });

  it('refuses a range wholly past the end and ignores a malformed one', () => {
    expect(planRange({ range: 'bytes=1000-' }, target)).toEqual({ status: 416 });
    expect(planRange({ range: 'bytes=abc' }, target)).toEqual({ status: 200, start: 0, end: 999 });
    expect(planRange({ range: 'items=0-1' }, target)).toEqual({ status: 200, start: 0, end: 999 });
  });

  it('applies a range only to the file If-Range names, by ETag or exact date', () => {
    expect(planRange({ range: 'bytes=0-9', ifRange: '"abc"' }, target).status).toBe(206);
    expect(planRange({ range: 'bytes=0-9', ifRange: '"old"' }, target).status).toBe(200);
    expect(planRange({ range: 'bytes=0-9', ifRange: 'W/"abc"' }, target).status).toBe(200);
    expect(planRange({ range: 'bytes=0-9', ifRange: target.lastModified.toUTCString() }, target).status).toBe(206);
    expect(planRange({ range: 'bytes=0-9', ifRange: 'Mon, 30 Nov 2026 10:00:00 GMT' }, target).status).toBe(200);
  });

  it('answers 304 to a current copy, If-None-Match deciding before If-Modified-Since', () => {
    expect(planRange({ ifNoneMatch: 'W/"abc"' }, target)).toEqual({ status: 304 });
    expect(planRange({ ifNoneMatch: '"x", "abc"' }, target)).toEqual({ status: 304 });
    expect(planRange({ ifNoneMatch: '"x"', ifModifiedSince: 'Tue, 01 Dec 2026 10:00:00 GMT' }, target).status).toBe(200);
    expect(planRange({ ifModifiedSince: 'Tue, 01 Dec 2026 10:00:00 GMT' }, target)).toEqual({ status: 304 });
    expect(planRange({ ifModifiedSince: 'Tue, 01 Dec 2026 09:59:59 GMT' }, target).status).toBe(200);
  });
});
