import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { problem } from './problem-details';

function flatten(errors: readonly ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints
      ? [
          {
            field,
            problems: Object.entries(error.constraints).map(([name, message]) =>
              name === 'whitelistValidation' ? 'unknown field' : message,
            ),
          },
        ]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * class-validator on every body and query: unknown fields are refused, types converted, and
 * every problem named by field (never echoing the value, which may be personal data).
 */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadRequestException(
        problem(400, 'invalid-request', 'Invalid request', {
          detail: fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; '),
          errors: fields,
        }),
      );
    },
  });
}
