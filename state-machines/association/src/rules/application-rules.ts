import { CalendarDate, RuleResult, addMonths, allOf, satisfied, violation } from '@psp/legal-kernel';
import { ApplicationData } from '../events';
import { AgrementParameters, FileItemCode, agrementParameterOn } from '../parameters';

/** AGR-01 (R.121-12-1): regularly declared for at least 3 years on the date of receipt. */
export function declaredLongEnough(application: ApplicationData, parameters: AgrementParameters): RuleResult {
  const years = agrementParameterOn(parameters, 'minimumDeclaredYears', application.receivedOn);
  const eligibleFrom = addMonths(application.declaredOn, years * 12);
  return eligibleFrom <= application.receivedOn
    ? satisfied
    : violation(
        'AGR-01',
        `inadmissible: the association must have been declared for at least ${years} years (declared on ${application.declaredOn}, eligible from ${eligibleFrom})`,
        'declaredOn',
      );
}

/** AGR-01 (R.121-12-1): the statutory activity is one of those the article lists. */
export function statutoryPurposeEligible(
  application: ApplicationData,
  parameters: AgrementParameters,
): RuleResult {
  const eligible = agrementParameterOn(parameters, 'eligiblePurposes', application.receivedOn);
  return application.statutoryPurposes.some((purpose) => eligible.includes(purpose))
    ? satisfied
    : violation(
        'AGR-01',
        'inadmissible: the statutory activity is not one R.121-12-1 lists',
        'statutoryPurposes',
      );
}

/** AGR-03 (R.121-12-3): signed, sent to the head-office préfet, naming the départements requested. */
export function applicationWellFormed(application: ApplicationData): RuleResult {
  return allOf(
    application.signedByLegalRepresentative
      ? satisfied
      : violation('AGR-03', 'the application must be signed by the legal representative', 'signature'),
    application.addressedToDepartement === application.headOfficeDepartement
      ? satisfied
      : violation(
          'AGR-03',
          `the application goes to the préfet of the head-office département (${application.headOfficeDepartement}), not ${application.addressedToDepartement}`,
        ),
    application.requestedDepartements.length > 0
      ? satisfied
      : violation('AGR-03', 'the application must state the départements requested', 'requestedDepartements'),
  );
}

/** AGR-01 + AGR-03: what makes an application admissible when it is received. */
export function applicationAdmissible(
  application: ApplicationData,
  parameters: AgrementParameters,
): RuleResult {
  return allOf(
    declaredLongEnough(application, parameters),
    statutoryPurposeEligible(application, parameters),
    applicationWellFormed(application),
  );
}

/** AGR-02 (R.121-12-2): the three conditions are proved; the préfet may not grant otherwise. */
export function agr02ConditionsProved(application: ApplicationData): RuleResult {
  const { generalAssemblyResolution, meansAndPartnerNetwork, staffAndVolunteerTraining } =
    application.conditions;
  return allOf(
    generalAssemblyResolution.proved
      ? satisfied
      : violation(
          'AGR-02',
          'no general assembly resolution on a global exit policy',
          'generalAssemblyResolution',
        ),
    meansAndPartnerNetwork.proved
      ? satisfied
      : violation(
          'AGR-02',
          'human and material means and partner network not proved',
          'meansAndPartnerNetwork',
        ),
    staffAndVolunteerTraining.proved
      ? satisfied
      : violation(
          'AGR-02',
          'training actions for staff and volunteers not proved',
          'staffAndVolunteerTraining',
        ),
  );
}

/** AGR-10: the file items still missing on `on` (arrêté of 4 Nov 2016). */
export function missingFileItems(
  itemsOnFile: readonly FileItemCode[],
  on: CalendarDate,
  parameters: AgrementParameters,
): FileItemCode[] {
  return agrementParameterOn(parameters, 'requiredFileItems', on).filter(
    (item) => !itemsOnFile.includes(item),
  );
}

/** AGR-10: every required file item is on file. */
export function fileItemsPresent(
  itemsOnFile: readonly FileItemCode[],
  on: CalendarDate,
  parameters: AgrementParameters,
): RuleResult {
  return allOf(
    ...missingFileItems(itemsOnFile, on, parameters).map((item) =>
      violation('AGR-10', `file item missing: ${item}`, item),
    ),
  );
}
