import { describe, expect, it } from '@jest/globals';
import { getMetadataStorage, IsInt, IsString, validateSync } from 'class-validator';
import { keepRuleLookups } from './validation.js';

class Probe {
  @IsString() name!: unknown;
  count?: unknown;
}

class DerivedProbe extends Probe {
  @IsInt() level!: unknown;
}

const failed = (object: object) => validateSync(object).map((error) => `${error.property}:${Object.keys(error.constraints ?? {}).join()}`);

describe('kept rule lookups', () => {
  keepRuleLookups();

  it('finds the same rules again without looking them up, inherited ones included', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(DerivedProbe, '', false, false);
    expect(storage.getTargetValidationMetadatas(DerivedProbe, '', false, false)).toBe(first);
    expect(first.map((rule) => rule.propertyName).sort()).toEqual(['level', 'name']);
    expect(storage.getTargetValidationMetadatas(DerivedProbe, '', false, false, ['other'])).not.toBe(first);
    expect(failed(Object.assign(new DerivedProbe(), { name: 1, level: 'x' }))).toEqual(['level:isInt', 'name:isString']);
  });

  it('forgets what it kept when a rule is added after a validation', () => {
    expect(failed(Object.assign(new Probe(), { name: 'a', count: 'many' }))).toEqual([]);
    IsInt()(Probe.prototype, 'count');
    expect(failed(Object.assign(new Probe(), { name: 'a', count: 'many' }))).toEqual(['count:isInt']);
    // And the subclass inherits it.
    expect(failed(Object.assign(new DerivedProbe(), { name: 'a', count: 'many', level: 1 }))).toEqual(['count:isInt']);
  });
});
