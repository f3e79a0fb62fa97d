import { describe, expect, it } from '@jest/globals';
import { formatDuration } from '../src/features/courses/duration';

// Some languages put a no-break space between the number and its unit: compare the words.
const say = (minutes: number, locale: string) => formatDuration(minutes, locale).replace(/\s/g, ' ');

describe('formatDuration', () => {
  it('says minutes under an hour, never "0 hours"', () => {
    expect(say(45, 'en')).toBe('45 minutes');
    expect(say(5, 'en')).toBe('5 minutes');
    expect(say(1, 'en')).toBe('1 minute');
  });

  it('says hours and minutes past an hour, and whole hours alone', () => {
    expect(say(90, 'en')).toBe('1 hour 30 minutes');
    expect(say(60, 'en')).toBe('1 hour');
    expect(say(120, 'en')).toBe('2 hours');
    expect(say(0, 'en')).toBe('0 minutes');
  });

  it('follows each language’s plural rules', () => {
    expect(say(90, 'fr')).toBe('1 heure 30 minutes');
    expect(say(150, 'es')).toBe('2 horas 30 minutos');
    expect(say(90, 'ru')).toBe('1 час 30 минут');
    expect(say(122, 'ru')).toBe('2 часа 2 минуты');
    expect(say(90, 'zh')).toBe('1小时30分钟');
    expect(say(120, 'ar')).toBe('ساعتان');
  });
});
