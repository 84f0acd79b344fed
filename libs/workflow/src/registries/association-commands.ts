import { AgrementEventType } from '@psp/association';
import { Role } from '@psp/security';
import { RegistryCommandSpec, findCommand } from './registry-commands';

export type AssociationCommandSpec = RegistryCommandSpec<AgrementEventType>;

const ASSOCIATION: readonly Role[] = ['association'];
const PREFECTURE: readonly Role[] = ['prefecture'];
const SYSTEM: readonly Role[] = ['system'];

/**
 * Every agrément command (rule book section 6). The association applies for itself (its id comes
 * from the token); the préfecture of the head-office département instructs and decides (AGR-03,
 * AGR-06); the scheduler emits the deadline events (timers are data).
 */
export const ASSOCIATION_COMMANDS: readonly AssociationCommandSpec[] = [
  {
    name: 'apply',
    eventType: 'AgrementApplied',
    roles: ASSOCIATION,
    summary:
      'AGR-01..AGR-03: the association applies to the préfet of its head office, naming the départements',
  },
  {
    name: 'apply-renewal',
    eventType: 'AgrementRenewalApplied',
    roles: ASSOCIATION,
    summary: 'AGR-07: the association applies for the renewal of its agrément',
  },
  {
    name: 'request-missing-documents',
    eventType: 'MissingDocumentsRequested',
    roles: PREFECTURE,
    summary: 'AGR-04: the préfet names the missing documents within 2 months of receipt',
  },
  {
    name: 'receive-missing-documents',
    eventType: 'MissingDocumentsReceived',
    roles: PREFECTURE,
    summary: 'AGR-04: the missing documents arrived; the file is complete on that date',
  },
  {
    name: 'deem-file-complete',
    eventType: 'FileDeemedComplete',
    roles: SYSTEM,
    summary: 'AGR-04: no request for documents within 2 months: the file counts as complete (scheduler)',
  },
  {
    name: 'grant',
    eventType: 'AgrementGranted',
    roles: PREFECTURE,
    summary:
      'AGR-06, AGR-09: the head-office préfet grants the agrément for 3 years in the named départements',
  },
  {
    name: 'refuse',
    eventType: 'AgrementRefused',
    roles: PREFECTURE,
    summary: 'AGR-06: the head-office préfet refuses the agrément, with reasons',
  },
  {
    name: 'grant-by-silence',
    eventType: 'AgrementGrantedBySilence',
    roles: SYSTEM,
    summary: 'AGR-05: 4 months of silence on the complete file grant the agrément (scheduler)',
  },
  {
    name: 'renew',
    eventType: 'AgrementRenewed',
    roles: PREFECTURE,
    summary: 'AGR-07: the head-office préfet renews the agrément',
  },
  {
    name: 'refuse-renewal',
    eventType: 'AgrementRenewalRefused',
    roles: PREFECTURE,
    summary: 'AGR-07: the renewal is refused, with reasons; the running term continues',
  },
  {
    name: 'propose-withdrawal',
    eventType: 'WithdrawalProposed',
    roles: PREFECTURE,
    summary: 'AGR-08: the adversarial step before a withdrawal opens, on one of the five grounds',
  },
  {
    name: 'send-observations',
    eventType: 'WithdrawalObservationsReceived',
    roles: ['association', 'prefecture'],
    summary: 'AGR-08: the association presents its observations on the proposed withdrawal',
  },
  {
    name: 'abandon-withdrawal',
    eventType: 'WithdrawalAbandoned',
    roles: PREFECTURE,
    summary: 'AGR-08: the préfet drops the withdrawal after the observations',
  },
  {
    name: 'withdraw',
    eventType: 'AgrementWithdrawn',
    roles: PREFECTURE,
    summary: 'AGR-08: the agrément is withdrawn after the adversarial step',
  },
  {
    name: 'expire',
    eventType: 'AgrementExpired',
    roles: SYSTEM,
    summary: 'AGR-06: the 3-year term ended without renewal (scheduler)',
  },
];

export function associationCommand(name: string): AssociationCommandSpec | undefined {
  return findCommand(ASSOCIATION_COMMANDS, name);
}
