import { ValidateIf } from 'class-validator';

/**
 * The field may be left out. Unlike class-validator's IsOptional, which also lets `null` past
 * every rule (and on to a NOT NULL column: a 500), null is a value like any other here, so the
 * field's rules refuse it. Where null means something ("no limit"), the field says so with
 * `@ValidateIf((_, value) => value !== null)` after this.
 */
export function Omittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}
