import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { CaseDisclosures, disclosureLog } from './disclosure-log';

export type { CaseDisclosures } from './disclosure-log';

/**
 * Parameter decorator: the request's disclosure log. A route whose path has `:caseId` is audited
 * even when it declares nothing (fields unknown); a route that shows cases otherwise (an agenda, an
 * export) declares each case it disclosed.
 */
export const Disclosures = createParamDecorator(
  (_data: unknown, context: ExecutionContext): CaseDisclosures =>
    disclosureLog(context.switchToHttp().getRequest<object>()),
);
