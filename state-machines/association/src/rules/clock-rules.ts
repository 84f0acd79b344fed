import {
  CalendarDate,
  RuleResult,
  addDays,
  addMonths,
  allOf,
  maxDate,
  satisfied,
  violation,
} from '@psp/legal-kernel';
import { ApplicationOnFile } from '../machine/context';
import { AgrementParameters, agrementParameterOn } from '../parameters';

/** AGR-04: last day on which the préfet may still ask for missing documents (receipt + 2 months). */
export function completenessDeadline(
  application: ApplicationOnFile,
  parameters: AgrementParameters,
): CalendarDate {
  const months = agrementParameterOn(parameters, 'completenessRequestMonths', application.receivedOn);
  return addMonths(application.receivedOn, months);
}

/**
 * AGR-04 + AGR-05: the date the silence grants the agrément. With no missing-documents request
 * the file counted as complete on receipt, so silence runs from receipt; after a request, it runs
 * from the receipt of the missing documents. `undefined` while documents are awaited.
 */
export function silenceDeadline(
  application: ApplicationOnFile,
  parameters: AgrementParameters,
): CalendarDate | undefined {
  const completeOn =
    application.completeness === 'documents_requested'
      ? undefined
      : (application.completeOn ?? application.receivedOn);
  if (completeOn === undefined) return undefined;
  return addMonths(completeOn, agrementParameterOn(parameters, 'silenceMonths', completeOn));
}

/** AGR-04: a missing-documents request must come within 2 months of receipt and name the documents. */
export function missingDocumentsRequestInTime(
  application: ApplicationOnFile,
  requestedOn: CalendarDate,
  missingItems: readonly string[],
  parameters: AgrementParameters,
): RuleResult {
  const deadline = completenessDeadline(application, parameters);
  return allOf(
    requestedOn >= application.receivedOn
      ? satisfied
      : violation(
          'AGR-04',
          `the request (${requestedOn}) predates the receipt of the file (${application.receivedOn})`,
        ),
    requestedOn <= deadline
      ? satisfied
      : violation(
          'AGR-04',
          `the file already counts as complete: no missing documents were requested by ${deadline}, 2 months after receipt`,
        ),
    missingItems.length > 0
      ? satisfied
      : violation('AGR-04', 'a missing-documents request must name the documents', 'missingItems'),
  );
}

/** AGR-04: the missing documents received cover every item that was requested. */
export function missingDocumentsCovered(
  application: ApplicationOnFile,
  receivedOn: CalendarDate,
  items: readonly string[],
): RuleResult {
  const stillMissing = application.missingItems.filter((item) => !items.includes(item));
  return allOf(
    receivedOn >= (application.missingDocumentsRequestedOn ?? application.receivedOn)
      ? satisfied
      : violation('AGR-04', 'documents cannot arrive before they were requested'),
    ...stillMissing.map((item) => violation('AGR-04', `requested document still missing: ${item}`, item)),
  );
}

/** AGR-04 (system): the file counts as complete once the 2-month window closed with no request. */
export function deemedCompleteDue(
  application: ApplicationOnFile,
  on: CalendarDate,
  parameters: AgrementParameters,
): RuleResult {
  const deadline = completenessDeadline(application, parameters);
  return on > deadline
    ? satisfied
    : violation(
        'AGR-04',
        `the préfet may ask for missing documents until ${deadline}; the file is not yet deemed complete`,
      );
}

/** AGR-05 (system): silence grants the agrément once 4 months have passed since the complete file. */
export function silenceFallenDue(
  application: ApplicationOnFile,
  on: CalendarDate,
  parameters: AgrementParameters,
): RuleResult {
  const deadline = silenceDeadline(application, parameters);
  if (deadline === undefined) {
    return violation(
      'AGR-05',
      'the silence clock has not started: missing documents are awaited',
      'missingDocuments',
    );
  }
  return on >= deadline
    ? satisfied
    : violation(
        'AGR-05',
        `silence grants the agrément only from ${deadline} (4 months after the complete file)`,
      );
}

/** AGR-05: an express decision after the silence deadline comes too late (the agrément was already granted). */
export function decisionBeforeSilence(
  application: ApplicationOnFile,
  decidedOn: CalendarDate,
  parameters: AgrementParameters,
): RuleResult {
  const deadline = silenceDeadline(application, parameters);
  return deadline === undefined || decidedOn < deadline
    ? satisfied
    : violation('AGR-05', `the agrément was already granted by silence on ${deadline}`);
}

/** AGR-06 / AGR-07: the term of an agrément starting on `validFrom` (3 years, last day included). */
export function termEnd(validFrom: CalendarDate, parameters: AgrementParameters): CalendarDate {
  const years = agrementParameterOn(parameters, 'agrementYears', validFrom);
  return addDays(addMonths(validFrom, years * 12), -1);
}

/** AGR-07: a renewal starts the day after the running term ends, or on its decision if later. */
export function renewalStart(currentValidTo: CalendarDate, effectiveOn: CalendarDate): CalendarDate {
  return maxDate(addDays(currentValidTo, 1), effectiveOn);
}

/** Indicator 7.3 item 9: first day the agrément counts as expiring within 6 months. */
export function expiryWarningFrom(validTo: CalendarDate, parameters: AgrementParameters): CalendarDate {
  return addMonths(validTo, -agrementParameterOn(parameters, 'expiryWarningMonths', validTo));
}
