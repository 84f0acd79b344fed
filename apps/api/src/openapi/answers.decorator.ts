import { SetMetadata } from '@nestjs/common';
import { RESPONSE_SCHEMAS } from './response-schemas';

export const ANSWERS = 'psp:openapi:answers';

/** What a route answers on success, as the API document states it. */
export interface AnswerDoc {
  /** A name of RESPONSE_SCHEMAS. */
  readonly schema: string;
  /** 200 unless told. */
  readonly status?: number;
  /** The route also answers `text/csv` (`?format=csv` or `Accept: text/csv`). */
  readonly csv?: boolean;
  /** The answer is a file (`application/pdf`, or the document's own type), not JSON. */
  readonly file?: boolean;
  readonly description?: string;
}

/**
 * Documents a route's success answer with one of the answer schemas (openapi/response-schemas.ts).
 * Every operation of the document must have one (openapi.spec.ts).
 */
export function Answers(schema: string, options: Omit<AnswerDoc, 'schema'> = {}): MethodDecorator {
  if (!RESPONSE_SCHEMAS[schema]) throw new Error(`@Answers: no answer schema named ${schema}`);
  return SetMetadata(ANSWERS, { schema, ...options } satisfies AnswerDoc);
}
