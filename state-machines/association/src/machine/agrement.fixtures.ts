import {
  AgrementApplied,
  AgrementGranted,
  AgrementRenewalApplied,
  AgrementStreamEvent,
  ApplicationData,
} from '../events';

/** Test data builders (given/when/then specs); dates are fixed, never the clock. */
export function applicationData(overrides: Partial<ApplicationData> = {}): ApplicationData {
  return {
    associationId: 'asso-1',
    applicationId: 'app-1',
    receivedOn: '2024-01-15',
    declaredOn: '2019-05-01',
    statutoryPurposes: ['prostitution_support'],
    signedByLegalRepresentative: true,
    headOfficeDepartement: '69',
    addressedToDepartement: '69',
    requestedDepartements: ['69', '01'],
    conditions: {
      generalAssemblyResolution: { proved: true, documentRef: 'doc-ga' },
      meansAndPartnerNetwork: { proved: true, documentRef: 'doc-means' },
      staffAndVolunteerTraining: { proved: true, documentRef: 'doc-training' },
    },
    fileItems: [
      'signed_request',
      'general_assembly_resolution',
      'means_and_partner_network',
      'staff_training_evidence',
      'registration_number',
    ],
    ...overrides,
  };
}

export function applied(overrides: Partial<ApplicationData> = {}): AgrementApplied {
  return { type: 'AgrementApplied', schemaVersion: 1, data: applicationData(overrides) };
}

export function renewalApplied(overrides: Partial<ApplicationData> = {}): AgrementRenewalApplied {
  return {
    type: 'AgrementRenewalApplied',
    schemaVersion: 1,
    data: applicationData({ applicationId: 'app-2', ...overrides }),
  };
}

export function granted(overrides: Partial<AgrementGranted['data']> = {}): AgrementGranted {
  return {
    type: 'AgrementGranted',
    schemaVersion: 1,
    data: {
      applicationId: 'app-1',
      decidedOn: '2024-03-01',
      decidedByDepartement: '69',
      departements: ['69', '01'],
      ...overrides,
    },
  };
}

/** An association granted on 2024-03-01 for 69 and 01, valid until 2027-02-28. */
export const GRANTED_HISTORY: readonly AgrementStreamEvent[] = [applied(), granted()];
