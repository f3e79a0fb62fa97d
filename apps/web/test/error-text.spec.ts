import { describe, expect, it } from '@jest/globals';
import i18next from 'i18next';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CODES, FIELD_ERROR_CODES } from '@ctlp/contracts';
import { ApiError } from '../src/api/api-error';
import { errorText, fieldErrorText } from '../src/api/error-text';
import { findClaimant } from '../src/components/error-scope';

const LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
const common = (locale: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../src/locales', locale, 'common.json'), 'utf8')) as object;

const i18n = i18next.createInstance();
await i18n.init({
  lng: 'en',
  fallbackLng: 'en',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  resources: Object.fromEntries(LOCALES.map((locale) => [locale, { common: common(locale) }])),
});
const inLanguage = (locale: string) => ({ t: i18n.getFixedT(locale), language: locale });

/** What the API sends for a bad registration (see apps/api/src/common/error-catalog.ts). */
const badRegistration = ApiError.fromBody(400, {
  statusCode: 400,
  error: 'Bad Request',
  code: 'validation_failed',
  message: 'Invalid email, password',
  params: { fields: ['email', 'password'] },
  fields: {
    email: { code: 'not_email', message: 'email must be a valid email address' },
    password: { code: 'password_too_short', params: { min: 12 }, message: 'password must be at least 12 characters' },
  },
});

describe('error text', () => {
  it('keeps the code, params and each bad field, and never the English message, from an error body', () => {
    expect(badRegistration.code).toBe('validation_failed');
    expect(badRegistration.params).toEqual({ fields: ['email', 'password'] });
    expect(badRegistration.fieldErrors).toEqual({
      email: { code: 'not_email' },
      password: { code: 'password_too_short', params: { min: 12 } },
    });
    const { t, language } = inLanguage('en');
    expect(errorText(badRegistration, t, language)).not.toContain('Invalid');
    expect(fieldErrorText(badRegistration.fieldErrors.password!, t, language)).toBe('Use at least 12 characters.');
  });

  it('says each field error in Arabic with its number, without a Latin letter', () => {
    const { t, language } = inLanguage('ar');
    const text = fieldErrorText({ code: 'too_long', params: { max: 200 } }, t, language);
    expect(text).toContain(new Intl.NumberFormat('ar').format(200));
    expect(text).not.toMatch(/[A-Za-z]/);
  });

  it('names the roles an action needs in the reader’s language, joined as a list', () => {
    const error = ApiError.fromBody(403, {
      code: 'role_required',
      params: { roles: ['trainer', 'admin'] },
      message: 'needs trainer, admin',
    });
    const english = inLanguage('en');
    expect(errorText(error, english.t, english.language)).toBe('This needs one of these roles: Trainer or Administrator.');
    const french = inLanguage('fr');
    expect(errorText(error, french.t, french.language)).toBe(
      "Cette action nécessite l'un des rôles suivants : Formateur ou Administrateur.",
    );
    const arabic = inLanguage('ar');
    expect(errorText(error, arabic.t, arabic.language)).not.toMatch(/[A-Za-z]/);
  });

  it('falls back by HTTP status for a code it does not know, and says so for no answer at all', () => {
    const { t, language } = inLanguage('en');
    expect(errorText(ApiError.fromBody(404, { code: 'some_new_code' }), t, language)).toBe(t('errors.not_found'));
    expect(errorText(ApiError.fromBody(502, '<html>Bad gateway</html>'), t, language)).toBe(t('errors.unexpected'));
    expect(errorText(ApiError.network(), t, language)).toBe(t('errors.network'));
    expect(errorText(new TypeError('x is undefined'), t, language)).toBe(t('errors.unexpected'));
    expect(fieldErrorText({ code: 'brand_new' as never }, t, language)).toBe(t('fieldErrors.invalid_format'));
  });

  it.each(LOCALES)('fills every placeholder of every %s error message with the params the API sends', (locale) => {
    const { t, language } = inLanguage(locale);
    const params = {
      min: 2,
      max: 200,
      minutes: 15,
      seconds: 60,
      roles: ['admin'],
      status: 'pending',
      allowed: ['pdf', 'docx'],
      maxMb: 20,
      maxMegapixels: 40,
      extension: 'pdf',
      column: 'email',
      columns: ['fullName', 'memberState'],
      sheet: 'participants',
      field: 'from',
      values: ['a', 'b'],
      lessonId: '7d3c1a52-0000-4000-8000-000000000000',
      title: 'Introduction',
      courseIds: ['7d3c1a52-0000-4000-8000-000000000001'],
      slugs: ['basics'],
      titles: ['Basics', 'Financing'],
    };
    for (const code of ERROR_CODES) {
      const text = errorText(new ApiError(400, code, params), t, language);
      expect({ code, text, unfilled: /{{|}}/.test(text) }).toEqual({ code, text, unfilled: false });
    }
    for (const code of FIELD_ERROR_CODES) {
      const text = fieldErrorText({ code, params }, t, language);
      expect({ code, text, unfilled: /{{|}}/.test(text) }).toEqual({ code, text, unfilled: false });
    }
  });
});

describe('a day in a field message', () => {
  it.each(LOCALES)('is written in %s words, not as the API sends it', (locale) => {
    const { t, language } = inLanguage(locale);
    const text = fieldErrorText({ code: 'too_far_ahead', params: { max: '2027-06-30' } }, t, language);
    expect(text).not.toContain('2027-06-30');
    expect(text).not.toMatch(/{{|}}/);
  });
});

describe('which field shows a bad field’s message', () => {
  it('is the most specific field named on the form, else none', () => {
    const names = ['topics', 'quiz', 'quiz.questions.0.prompt', 'audience.memberStates'];
    expect(findClaimant('topics', names)).toBe('topics');
    expect(findClaimant('topics.3', names)).toBe('topics');
    expect(findClaimant('quiz.questions.0.prompt', names)).toBe('quiz.questions.0.prompt');
    expect(findClaimant('quiz.questions.1.prompt', names)).toBe('quiz');
    expect(findClaimant('topicsAndMore', names)).toBeUndefined();
    expect(findClaimant('slug', names)).toBeUndefined();
  });
});
