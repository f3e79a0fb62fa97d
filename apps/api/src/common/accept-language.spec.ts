import { describe, expect, it } from '@jest/globals';
import { preferredLocale } from './accept-language.js';

describe('preferredLocale', () => {
  it('takes the best-ranked of the six languages, reading a region as its language', () => {
    expect(preferredLocale('de-DE,fr-CA;q=0.8,en;q=0.9')).toBe('en');
    expect(preferredLocale('fr-CA,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(preferredLocale('zh-Hans-CN')).toBe('zh');
    expect(preferredLocale('ar;q=0.5, es;q=0.7')).toBe('es');
  });

  it('answers undefined when none of the six is asked for, or only with q=0', () => {
    expect(preferredLocale(undefined)).toBeUndefined();
    expect(preferredLocale('de, it;q=0.5')).toBeUndefined();
    expect(preferredLocale('fr;q=0, *')).toBeUndefined();
  });
});
