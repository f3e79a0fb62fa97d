import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError } from './app-error.js';

function collect(errors: ClassValidatorError[], prefix: string, into: Record<string, string>): void {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      const messages = Object.entries(error.constraints)
        .filter(([name]) => name !== 'whitelistValidation')
        .map(([, message]) => message);
      into[field] = error.constraints.whitelistValidation ? `${field} is not an accepted property` : messages.join('; ');
    }
    if (error.children?.length) collect(error.children, field, into);
  }
}

/** The one validation pipe: unknown properties are refused, every bad field is named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields: Record<string, string> = {};
      collect(errors, '', fields);
      return new ValidationError(fields);
    },
  });
}
