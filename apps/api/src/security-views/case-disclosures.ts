import { ExecutionContext, createParamDecorator } from '@nestjs/common';

/** What a route disclosed of one case: declared by its controller for the read audit (ACL-06). */
export interface CaseDisclosure {
  readonly caseId: string;
  readonly departement?: string;
  /** The field paths shown; undefined when the route did not say (a `:caseId` route that declares nothing). */
  readonly fields?: readonly string[];
}

const DECLARED = new WeakMap<object, CaseDisclosure[]>();

/** The disclosures a controller declared on this request (the read-audit interceptor reads them). */
export function declaredDisclosures(request: object): readonly CaseDisclosure[] | undefined {
  return DECLARED.get(request);
}

/** Lets a controller declare what it disclosed: `disclosures.add({ caseId, departement, fields })`. */
export interface CaseDisclosures {
  add(disclosure: CaseDisclosure): void;
}

/**
 * Parameter decorator: the request's disclosure log. A route whose path has `:caseId` is audited
 * even when it declares nothing (fields unknown); a route that shows cases otherwise (an agenda, an
 * export) declares each case it disclosed.
 */
export const Disclosures = createParamDecorator(
  (_data: unknown, context: ExecutionContext): CaseDisclosures => {
    const request = context.switchToHttp().getRequest<object>();
    return {
      add: (disclosure) => {
        const list = DECLARED.get(request) ?? [];
        list.push(disclosure);
        DECLARED.set(request, list);
      },
    };
  },
);
