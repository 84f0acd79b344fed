import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { SqliteEventStore } from '@psp/event-store';
import { EVENT_SCHEMA_VERSIONS, PspCaseEvent } from '@psp/psp-case';
import { Actor, PersonalDataVault, SqliteVaultStorage } from '@psp/security';
import { foreignNationalCase } from '../../../../state-machines/psp-case/src/testing/fixtures';
import { configureFoldCache } from '../command/fold-cache';
import { CaseCommandHandler } from './case-command-handler';
import { caseCommand } from './case-commands';
import { readCase } from './case-query';
import { caseAggregate, caseStreamId } from './case-stream';
import { RegistryFacts } from './registry-facts';

const CASE = '00000000-0000-4000-8000-0000000000d5';
const STREAM = caseStreamId(CASE);
const SECRETARIAT: Actor = { subject: 'secretariat', role: 'commission_secretariat', departement: '69' };
const facts: RegistryFacts = { agrementValid: async () => true, commissionOpinion: async () => undefined };

/**
 * ADR 0026: after a command, the fold cache goes on from the state its decision computed instead of
 * applying the written event again. That state must be exactly the one folding the stored stream
 * gives (strictly: a member left `undefined` in memory is absent once stored as JSON).
 */
describe('the state a command decided is the state of its stored events', () => {
  let dir: string;
  let store: SqliteEventStore;
  let vault: PersonalDataVault;
  let handler: CaseCommandHandler;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psp-decided-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'OFF' });
    configureFoldCache(store, {});
    vault = new PersonalDataVault(new SqliteVaultStorage(':memory:'), randomBytes(32));
    handler = new CaseCommandHandler(store, vault, facts);
    const history: PspCaseEvent[] = foreignNationalCase('2024-09-02');
    await store.append(
      STREAM,
      history.map((event, i) => ({
        id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
        type: event.type,
        data: event.data,
        metadata: {
          schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
          occurredAt: '2024-09-02T10:00:00.000Z',
        },
      })),
      { expectedRevision: 'no_stream' },
    );
    await readCase(store, CASE); // the process has seen the case: its commands go on from the cache
  });

  afterEach(async () => {
    await store.close();
    vault.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('PSP-12 follow-ups with members left undefined: the cached state equals the fold of the stream, strictly', async () => {
    const apply = jest.spyOn(caseAggregate, 'apply');
    for (const [i, extra] of [
      {},
      { note: undefined },
      { commitmentsKept: 'partly', unknown: undefined },
    ].entries()) {
      const outcome = await handler.execute(
        caseCommand('record-commission-follow-up')!,
        CASE,
        {
          recordedOn: `2024-10-0${i + 1}`,
          sessionId: 'session-69-2024-10-01',
          safetyConcern: i === 1,
          accessToRightsConcern: false,
          commitmentsKept: 'kept',
          ...extra,
        },
        { actor: SECRETARIAT, commandId: `follow-up-${i}` },
      );
      // The written event was not applied again: the decision's state was taken as it is.
      expect(apply).not.toHaveBeenCalled();
      const reads = jest.spyOn(store, 'readStream');
      const cached = await readCase(store, CASE);
      expect(reads).not.toHaveBeenCalled();
      reads.mockRestore();
      expect(cached.revision).toBe(outcome.revision);
      const folded = caseAggregate.fold(await store.readStream(STREAM));
      expect(isDeepStrictEqual(cached.state.context, folded.context)).toBe(true);
      expect(cached.state.value).toEqual(folded.value);
    }
    apply.mockRestore();
  });

  it('AFIS-04: a request kept whole in the state (with a member left undefined) equals its stored form', async () => {
    const payer: Actor = { subject: 'msa', role: 'afis_payer', departement: '69' };
    const outcome = await handler.execute(
      caseCommand('request-afis')!,
      CASE,
      {
        requestedOn: '2024-10-01',
        nationalityCategory: 'third_country',
        residenceDocument: 'aps',
        previousMonthHouseholdResourcesCents: 0,
        rsaReceivedOrClaimable: false,
        adaReceivedOrClaimable: false,
        dependentChildren: 1,
        comment: undefined,
      },
      { actor: payer, commandId: 'afis-request' },
    );
    const cached = await readCase(store, CASE);
    expect(cached.revision).toBe(outcome.revision);
    const folded = caseAggregate.fold(await store.readStream(STREAM));
    expect(cached.state.context.afis.request).toBeDefined();
    expect(isDeepStrictEqual(cached.state.context, folded.context)).toBe(true);
  });
});
