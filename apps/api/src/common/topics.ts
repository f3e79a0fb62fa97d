import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsString, registerDecorator } from 'class-validator';
import { isTopic, TOPICS } from '@ctlp/contracts';
import { registerFieldRule } from './validation.js';
import { Omittable } from './optional.js';

const TOPIC_RULE = 'isTopic';
const outside = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((item) => !isTopic(item)).map(String);

// The field error names the slugs refused, so a client can tell which of several it sent.
registerFieldRule(TOPIC_RULE, (value) => ({ code: 'unknown_topic', params: { values: outside(value) } }));

/** A topic of the vocabulary, or an array of them (`each`). */
function IsTopic(each = false): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: TOPIC_RULE,
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => (each ? Array.isArray(value) && value.every(isTopic) : isTopic(value)),
        defaultMessage: () => 'not a topic of the vocabulary',
      },
    });
}

const lower = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** A body's `topics`: up to 10 slugs of the vocabulary, each once; anything else is `unknown_topic`. */
export function TopicList(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ enum: TOPICS, enumName: 'Topic', isArray: true, maxItems: 10, description }),
    Omittable(),
    Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map(lower) : value)),
    IsArray(),
    ArrayMaxSize(10),
    ArrayUnique(),
    IsString({ each: true }),
    IsTopic(true),
  );
}

/** A query's `topic`: one slug of the vocabulary. */
export function TopicFilter(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ enum: TOPICS, enumName: 'Topic', description }),
    Omittable(),
    Transform(({ value }: { value: unknown }) => lower(value)),
    IsString(),
    IsTopic(),
  );
}
