import { REDACTED, VaultRead } from '@psp/security';
import { CaseSnapshot, PersonParcours } from '@psp/workflow';

/** The person as a case payload shows them (ACL-05): identity only, never contact details or documents. */
export interface PayloadPerson {
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate?: string;
  readonly nationality?: string;
}

/** The unfiltered payload of one case; no one receives it as is (`disclose` filters it per role). */
export type FullCasePayload = CaseSnapshot & {
  /** The human-readable file number (`69-2026-0042`, rv_file_numbers), once the projector numbered the case. */
  readonly fileNumber?: string;
  readonly person?: PayloadPerson;
  /** PSP-06 / PSP-07: the person's rights over all her cases (`GET /cases/{id}` only). */
  readonly personParcours?: PersonParcours;
};

export function payloadPerson(read: VaultRead): PayloadPerson {
  if (read.status === 'present') {
    const { givenName, familyName, birthDate, nationality } = read.record;
    return { givenName, familyName, birthDate, nationality };
  }
  return { givenName: REDACTED, familyName: REDACTED };
}

export function fullCasePayload(
  snapshot: CaseSnapshot,
  person?: PayloadPerson,
  personParcours?: PersonParcours,
  fileNumber?: string,
): FullCasePayload {
  return {
    ...snapshot,
    ...(fileNumber ? { fileNumber } : {}),
    ...(person ? { person } : {}),
    ...(personParcours ? { personParcours } : {}),
  };
}
