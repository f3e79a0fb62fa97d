import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationError } from './app-error.js';

/** A path id that must be a UUID; anything else is a 400 naming the parameter. */
export const ParseId = (name = 'id') => new ParseUUIDPipe({ exceptionFactory: () => ValidationError.field(name, 'not_uuid') });
