import { describe, expect, it } from '@jest/globals';
import { dataSaverOn, defaultRendition, formatFileSize, videoSite } from '../src/features/courses/data-saver';

const file = (size: number) => ({ fileName: 'f', contentType: 'video/mp4', size });

describe('data saver', () => {
  it("follows the learner's choice, else the browser's save-data hint", () => {
    expect(dataSaverOn(null, true)).toBe(true);
    expect(dataSaverOn(null, undefined)).toBe(false);
    expect(dataSaverOn('off', true)).toBe(false);
    expect(dataSaverOn('on', false)).toBe(true);
    expect(dataSaverOn('garbage', true)).toBe(true);
  });

  it('starts on the lightest rendition that still shows the video with data saver, on the best without', () => {
    const all = { standard: file(40e6), low: file(9e6), audio: file(2e6) };
    expect(defaultRendition(all, true)).toBe('low');
    expect(defaultRendition(all, false)).toBe('standard');
    expect(defaultRendition({ standard: file(1), audio: file(1) }, true)).toBe('audio');
    expect(defaultRendition({ low: file(1) }, false)).toBe('low');
    expect(defaultRendition({}, false)).toBeUndefined();
  });
});

describe('formatFileSize', () => {
  const plain = (text: string) => text.replace(/\s/g, ' ');
  it('says megabytes, with a decimal under ten, and kilobytes under one', () => {
    expect(plain(formatFileSize(12 * 1024 * 1024, 'en'))).toBe('12 MB');
    expect(plain(formatFileSize(1.5 * 1024 * 1024, 'en'))).toBe('1.5 MB');
    expect(plain(formatFileSize(640 * 1024, 'en'))).toBe('640 kB');
    expect(plain(formatFileSize(10, 'en'))).toBe('1 kB');
  });

  it('writes Western digits in Arabic', () => {
    expect(formatFileSize(12 * 1024 * 1024, 'ar')).toMatch(/12/);
    expect(formatFileSize(12 * 1024 * 1024, 'ar')).not.toMatch(/[\u0660-\u0669]/);
  });
});

describe('videoSite', () => {
  it('names the site a video address leads to', () => {
    expect(videoSite('https://www.youtube.com/watch?v=abc')).toBe('YouTube');
    expect(videoSite('https://youtu.be/abc')).toBe('YouTube');
    expect(videoSite('https://vimeo.com/123')).toBe('Vimeo');
    expect(videoSite('https://example.org/v.mp4')).toBeUndefined();
    expect(videoSite('not a url')).toBeUndefined();
  });
});
