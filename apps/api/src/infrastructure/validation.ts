import { BadRequestException, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { memoiseRuleLookups } from './validation-rule-lookups';
import { problem } from './problem-details';

memoiseRuleLookups();

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
const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
} as const;

function invalidRequest(errors: readonly ValidationError[]): BadRequestException {
  const fields = flatten(errors);
  return new BadRequestException(
    problem(400, 'invalid-request', 'Invalid request', {
      detail: fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; '),
      errors: fields,
    }),
  );
}

export function validationPipe(): ValidationPipe {
  return new ValidationPipe({ ...VALIDATOR_OPTIONS, transform: true, exceptionFactory: invalidRequest });
}

/** The same validation for a body whose class is chosen at run time (the case command routes). */
export async function validateBody<T extends object>(dto: Type<T>, body: unknown): Promise<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestException(
      problem(400, 'invalid-request', 'Invalid request', { detail: 'the body must be a JSON object' }),
    );
  }
  const instance = plainToInstance(dto, body);
  const errors = await validate(instance, VALIDATOR_OPTIONS);
  if (errors.length > 0) throw invalidRequest(errors);
  return instance;
}
