import { EventStore } from '@psp/event-store';
import { violation } from '@psp/legal-kernel';
import { caseView } from '@psp/psp-case';
import { Actor, PersonalDataVault, Role } from '@psp/security';
import { StreamNotFoundError } from '../command/command-errors';
import { CommandOutcome, executeCommand } from '../command/execute-command';
import { ForbiddenCommandError, caseInScope } from '../cases/case-access';
import { Clock } from '../cases/case-command-handler';
import { caseAggregate, caseStreamId } from '../cases/case-stream';
import { CaseRecordPurgedError } from './case-record-purged';
import { isClosedCaseStatus } from './closed-statuses';

/** Who may erase a person: the préfecture (controller of the data, ACL-07) and the system (retention). */
export const ERASURE_ROLES: readonly Role[] = ['prefecture', 'system'];

export const PERSONAL_DATA_ERASED = 'PersonalDataErased';

/** The person's own stream: it records the erasure, with no personal data in it. */
export function personStreamId(personRef: string): string {
  return `psp-person-${personRef}`;
}

export interface ErasureRequest {
  readonly caseId: string;
  /** `request`: the person's right to erasure (GDPR art. 17); `retention`: end of the retention period. */
  readonly basis: 'request' | 'retention';
}

/**
 * Crypto-shredding (ACL-06, ACL-07, requirement R13): records `PersonalDataErased` in the person's
 * stream, then deletes the person's key from the vault. The case history is untouched and still
 * replays (the machine never needed the clear values); every place that showed the person shows
 * `REDACTED` from then on.
 *
 * Legal hold: refused while the case is open, because the identity is then still needed for the
 * decisions, the APS and the AFIS (GDPR art. 17(3)(b)); close or withdraw the case first.
 */
export class PersonalDataEraser {
  constructor(
    private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
    private readonly clock: Clock = () => new Date(),
  ) {}

  async erase(
    request: ErasureRequest,
    context: { readonly actor: Actor; readonly commandId: string; readonly correlationId?: string },
  ): Promise<CommandOutcome & { personRef: string }> {
    const { actor } = context;
    const state = caseAggregate.fold(await this.store.readStream(caseStreamId(request.caseId)));
    if (state.context.personRef === undefined || !caseInScope(actor, state.context)) {
      throw new StreamNotFoundError(caseStreamId(request.caseId));
    }
    if (!ERASURE_ROLES.includes(actor.role)) throw new ForbiddenCommandError(actor.role, ERASURE_ROLES);
    const personRef = state.context.personRef;
    const status = caseView(state).status;
    // The person across cases (PSP-07): on the person's request every case of hers is erased, so
    // each must be closed; at the end of retention, this case only.
    const personId = request.basis === 'request' ? await this.vault.personOfCase(request.caseId) : undefined;
    const otherCases = personId
      ? (await this.vault.casesOfPerson(personId)).filter((link) => link.caseId !== request.caseId)
      : [];
    const openElsewhere = await this.firstOpenCase(otherCases.map((link) => link.caseId));
    const outcome = await executeCommand(
      this.store,
      { machineVersion: 'privacy@1', fold: (events) => events },
      personStreamId(personRef),
      { ...context, actor: { id: actor.subject, role: actor.role } },
      // A second erasure of the same person is refused by the `create` mode (PD-3, 409).
      async () => {
        if (!isClosedCaseStatus(status)) {
          return {
            accepted: false,
            kind: 'state',
            violations: violation(
              'ACL-07',
              `erasure is refused while the case is open (status ${status}): the identity is still needed for its decisions (GDPR art. 17(3)(b)); close or withdraw the case first`,
              'status',
            ),
          };
        }
        if (openElsewhere) {
          return {
            accepted: false,
            kind: 'state',
            violations: violation(
              'ACL-07',
              `erasure is refused while another case of the same person is open (status ${openElsewhere}): the identity is still needed for its decisions (GDPR art. 17(3)(b))`,
              'status',
            ),
          };
        }
        const erasedAt = this.clock().toISOString();
        return {
          accepted: true,
          events: [
            {
              type: PERSONAL_DATA_ERASED,
              schemaVersion: 1,
              occurredAt: erasedAt,
              data: {
                personRef,
                caseId: request.caseId,
                basis: request.basis,
                erasedAt,
                // The other cases of the person whose keys go too (a restore replays them all).
                ...(otherCases.length > 0
                  ? {
                      alsoErased: otherCases.map((link) => ({
                        caseId: link.caseId,
                        personRef: link.personRef,
                      })),
                    }
                  : {}),
              },
            },
          ],
        };
      },
      { mode: 'create' },
    );
    // After the record, so a failure here is finished by a retry of the same command. The person's
    // index entry, case links and pending matches go with the keys: nobody can find her again.
    if (personId) await this.vault.erasePerson(personId, [personRef]);
    else if (request.basis === 'retention') await this.vault.eraseCase(request.caseId, personRef);
    else await this.vault.erase(personRef);
    await this.vault.resolvePendingMatch(request.caseId);
    return { ...outcome, personRef };
  }

  /** The status of the first of these cases that is still open, if any. */
  private async firstOpenCase(caseIds: readonly string[]): Promise<string | undefined> {
    for (const caseId of caseIds) {
      const events = await this.store.readStream(caseStreamId(caseId));
      if (events.length === 0) continue;
      try {
        const status = caseView(caseAggregate.fold(events)).status;
        if (!isClosedCaseStatus(status)) return status;
      } catch (error) {
        if (!(error instanceof CaseRecordPurgedError)) throw error;
      }
    }
    return undefined;
  }
}
