import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsString, Matches } from 'class-validator';

/** Several property decorators as one. */
function allOf(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyKey) => decorators.forEach((decorate) => decorate(target, propertyKey));
}

const DEPARTEMENT = /^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$/;

/** An INSEE département code (`69`, `2A`, `971`). */
export function IsDepartement(): PropertyDecorator {
  return allOf(IsString(), Matches(DEPARTEMENT, { message: 'must be an INSEE département code' }));
}

/** A non-empty list of distinct département codes (AGR-03, AGR-09). */
export function IsDepartementList(): PropertyDecorator {
  return allOf(
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(101),
    ArrayUnique(),
    IsString({ each: true }),
    Matches(DEPARTEMENT, { each: true, message: 'each must be an INSEE département code' }),
  );
}
