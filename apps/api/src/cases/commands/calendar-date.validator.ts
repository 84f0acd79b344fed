import { ValidationOptions, registerDecorator } from 'class-validator';
import { isCalendarDate } from '@psp/legal-kernel';

/** A real calendar date `YYYY-MM-DD` (2024-02-30 is refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a calendar date YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}
