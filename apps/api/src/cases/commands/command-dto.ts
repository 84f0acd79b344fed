import { Type } from '@nestjs/common';

/** One case command's request body: its class-validator DTO and an example for the API docs. */
export interface CommandBody<T extends object = object> {
  readonly dto: Type<T>;
  readonly example: T;
}

/** Each body DTO's example, for the API document (routes that take the DTO directly with `@Body()`). */
type AnyClass = abstract new (...args: never[]) => unknown;

const EXAMPLES = new Map<AnyClass, object>();

export function body<T extends object>(dto: Type<T>, example: T): CommandBody<T> {
  EXAMPLES.set(dto, example);
  return { dto, example };
}

/** The example given with `body(dto, example)`, if any. */
export function exampleOf(dto: AnyClass): object | undefined {
  return EXAMPLES.get(dto);
}
