import { Type } from '@nestjs/common';

/** One case command's request body: its class-validator DTO and an example for the API docs. */
export interface CommandBody<T extends object = object> {
  readonly dto: Type<T>;
  readonly example: T;
}

export function body<T extends object>(dto: Type<T>, example: T): CommandBody<T> {
  return { dto, example };
}
