import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Length, registerDecorator } from 'class-validator';
import { registerFieldRule } from './validation.js';

/**
 * Characters no name, institution or job title needs and that make one read as something else:
 * C0/C1 controls (NUL, line breaks, terminal escapes), line and paragraph separators, lone
 * surrogates, and every Unicode format character (category Cf) — bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), the LRM/RLM/ALM marks, zero-width space,
 * word joiner, soft hyphen, byte-order mark, tag characters. The two joiners (ZWNJ U+200C,
 * ZWJ U+200D) stay: Persian, Arabic and Indic names need them.
 */
const UNSAFE_SOURCE = '(?![\\u200C\\u200D])[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}]';
const UNSAFE = new RegExp(UNSAFE_SOURCE, 'u');
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, 'gu');

export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE.test(text);
}

/**
 * A stored name as it may be printed where anyone can read it (verification, certificate): the
 * characters above removed, composed (NFC). Rows written before names were checked, or straight
 * into the database, still print as plain text.
 */
export function printableText(text: string): string;
export function printableText(text: string | null): string | null;
export function printableText(text: string | null): string | null {
  // null: a name withheld after erasure stays withheld.
  if (text === null) return null;
  return text.replace(UNSAFE_ALL, '').normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** How a person's text is stored: composed (NFC), so one name has one spelling, and trimmed. */
export function cleanPersonText(text: string): string {
  return text.normalize('NFC').trim();
}

const RULE = 'isPersonText';
registerFieldRule(RULE, () => ({ code: 'invalid_characters' }));

/** Refuses the characters above (`invalid_characters`); anything but a string is left to IsString. */
export function HasNoUnsafeCharacters(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: RULE,
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !hasUnsafeCharacters(value),
        defaultMessage: () => 'text holds control, direction-changing or invisible characters',
      },
    });
}

export const PERSON_TEXT_MAX = 200;

/**
 * A person's name, institution or job title wherever one is written (registration, profile,
 * activity participants): NFC, trimmed, 1–200 characters (0–200 with `allowEmpty`), none of the
 * characters above.
 */
export function PersonText(options: { allowEmpty?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? cleanPersonText(value) : value)),
    IsString(),
    Length(options.allowEmpty ? 0 : 1, PERSON_TEXT_MAX),
    HasNoUnsafeCharacters(),
  );
}
