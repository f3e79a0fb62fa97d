import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import type { FieldError, FieldErrorCode, FieldErrorParams } from '@ctlp/contracts';
import { getMetadataStorage } from 'class-validator';
import type { MetadataStorage } from 'class-validator/types/metadata/MetadataStorage.js';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata.js';
import { fieldError, ValidationError } from './app-error.js';

type Resolved = { code: FieldErrorCode; params?: FieldErrorParams };
type Resolver = (constraints: unknown[], value: unknown, object: object) => Resolved;

const simple =
  (code: FieldErrorCode): Resolver =>
  () => ({ code });

/** class-validator's rule names, as the field error each one means (first match wins, in this order). */
const RULES: Record<string, Resolver> = {
  whitelistValidation: simple('unknown_property'),
  isDefined: simple('required'),
  isNotEmpty: simple('required'),
  isString: simple('not_string'),
  isInt: simple('not_integer'),
  isNumber: simple('not_number'),
  isBoolean: simple('not_boolean'),
  isArray: simple('not_array'),
  isObject: simple('not_object'),
  nestedValidation: simple('not_object'),
  isUuid: simple('not_uuid'),
  isIso8601: simple('not_date'),
  isDateString: simple('not_date'),
  isEmail: simple('not_email'),
  isUrl: simple('not_url'),
  isIn: (c) => ({ code: 'not_one_of', params: { values: c[0] as string[] } }),
  isEnum: (c) => ({ code: 'not_one_of', params: { values: Object.values(c[0] as object) as string[] } }),
  matches: simple('invalid_format'),
  isLength: ([min, max], value): Resolved => {
    const length = typeof value === 'string' ? value.length : 0;
    if (min === max) return length === 0 ? { code: 'required' } : { code: 'invalid_format' };
    if (length < (min as number)) return min === 1 ? { code: 'required' } : { code: 'too_short', params: { min: min as number } };
    return { code: 'too_long', params: { max: max as number } };
  },
  minLength: ([min], value): Resolved =>
    min === 1 && value === '' ? { code: 'required' } : { code: 'too_short', params: { min: min as number } },
  maxLength: ([max]) => ({ code: 'too_long', params: { max: max as number } }),
  min: ([min]) => ({ code: 'too_small', params: { min: min as number } }),
  max: ([max]) => ({ code: 'too_large', params: { max: max as number } }),
  arrayMinSize: ([min]) => ({ code: 'too_few_items', params: { min: min as number } }),
  arrayMaxSize: ([max]) => ({ code: 'too_many_items', params: { max: max as number } }),
  arrayUnique: simple('duplicate_items'),
};
const ORDER = Object.keys(RULES);

/**
 * A custom validation rule says which field error it means: `name` is the rule's name in
 * registerDecorator, `resolve` gets the value and the object it belongs to.
 */
export function registerFieldRule(name: string, resolve: (value: unknown, object: object) => Resolved): void {
  RULES[name] = (_constraints, value, object) => resolve(value, object);
}

/** The arguments a decorator was given (`@MaxLength(200)` → [200]), read from class-validator's registry. */
function constraintsOf(target: object | undefined, property: string, rule: string): unknown[] {
  if (!target) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === property && (m.name === rule || m.constraintCls?.name === rule));
  return metadata?.constraints ?? [];
}

function toFieldError(error: ClassValidatorError, field: string): FieldError {
  const failed = Object.keys(error.constraints ?? {});
  const rule = ORDER.find((name) => failed.includes(name)) ?? failed.find((name) => name in RULES) ?? failed[0]!;
  const resolve = RULES[rule];
  if (!resolve) return fieldError(field, 'invalid_format');
  const { code, params } = resolve(constraintsOf(error.target, error.property, rule), error.value, error.target ?? {});
  return fieldError(field, code, params);
}

function collect(errors: ClassValidatorError[], prefix: string, into: Record<string, FieldError>): void {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints && Object.keys(error.constraints).length) into[field] = toFieldError(error, field);
    if (error.children?.length) collect(error.children, field, into);
  }
}

/** Field errors of class-validator, each as a code with its params. */
export function toFieldErrors(errors: ClassValidatorError[]): Record<string, FieldError> {
  const fields: Record<string, FieldError> = {};
  collect(errors, '', fields);
  return fields;
}

type RuleLookup = MetadataStorage['getTargetValidationMetadatas'];
type Grouping = MetadataStorage['groupByPropertyName'];

/**
 * class-validator finds a class's rules anew on every object it validates: it tests the class
 * against every class it knows (`prototype instanceof`, for inherited rules), filters, and groups
 * the result by property — several per cent of a quiz attempt's CPU with our hundreds of DTOs, once
 * per answer. The rules are fixed once the classes are defined, so each lookup and grouping is
 * kept, and all are forgotten whenever a rule is added.
 */
export function keepRuleLookups(storage: MetadataStorage = getMetadataStorage()): void {
  const patched = storage as MetadataStorage & { ctlpKeepsLookups?: true };
  if (patched.ctlpKeepsLookups) return;
  patched.ctlpKeepsLookups = true;
  const lookup: RuleLookup = storage.getTargetValidationMetadatas.bind(storage);
  const group: Grouping = storage.groupByPropertyName.bind(storage);
  let lookups = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let groupings = new WeakMap<ValidationMetadata[], ReturnType<Grouping>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? '-'}`;
    let byOptions = lookups.get(target);
    if (!byOptions) lookups.set(target, (byOptions = new Map()));
    let rules = byOptions.get(key);
    if (!rules) byOptions.set(key, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.groupByPropertyName = (rules) => {
    let grouped = groupings.get(rules);
    if (!grouped) groupings.set(rules, (grouped = group(rules)));
    return grouped;
  };
  for (const method of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const add = (storage[method] as (argument: never) => void).bind(storage);
    (storage[method] as (argument: never) => void) = (argument: never) => {
      lookups = new Map();
      groupings = new WeakMap();
      add(argument);
    };
  }
}

/** The one validation pipe: unknown properties are refused, every bad field is named with a code. */
export function createValidationPipe(): ValidationPipe {
  keepRuleLookups();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    // The target (the object a field belongs to) tells which arguments its rules had.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => new ValidationError(toFieldErrors(errors)),
  });
}
