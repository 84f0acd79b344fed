import { RecordedEvent } from '@psp/event-store';
import { InvalidAsOfError, eventsUpTo, parseAsOf } from './case-as-of';
import { historyEntry } from './case-history';

const recorded = (over: Partial<RecordedEvent>): RecordedEvent => ({
  id: 'e',
  streamId: 'psp-case-x',
  revision: 0,
  globalPosition: 1n,
  recordedAt: '2026-01-01T10:00:00.000Z',
  type: 'RequestOpened',
  data: {},
  metadata: { occurredAt: '2024-01-05T00:00:00.000Z', schemaVersion: 1 },
  ...over,
});

describe('parseAsOf: exactly one of date (a day or an ISO timestamp) and revision', () => {
  it('a day means the end of that day in UTC', () => {
    expect(parseAsOf({ date: '2024-03-01' })).toEqual({
      date: '2024-03-01',
      until: Date.parse('2024-03-01T23:59:59.999Z'),
      basis: 'recorded',
    });
  });

  it('a timestamp keeps its offset', () => {
    expect(parseAsOf({ date: '2024-03-01T10:00:00+02:00' })).toMatchObject({
      until: Date.parse('2024-03-01T08:00:00Z'),
    });
  });

  it('a revision is a whole number', () => {
    expect(parseAsOf({ revision: '3' })).toEqual({ revision: 3 });
  });

  it.each([
    [{}, 'date'],
    [{ date: '2024-02-30' }, 'date'],
    [{ date: '2024-03-01T10:00' }, 'date'],
    [{ date: ['2024-03-01', '2024-03-02'] }, 'date'],
    [{ date: '2024-03-01', revision: '1' }, 'date'],
    [{ revision: '-1' }, 'revision'],
    [{ revision: '1e3' }, 'revision'],
  ])('%j is refused, naming %s', (query, field) => {
    expect(() => parseAsOf(query)).toThrow(InvalidAsOfError);
    try {
      parseAsOf(query);
    } catch (error) {
      expect((error as InvalidAsOfError).field).toBe(field);
    }
  });

  it('eventsUpTo keeps the events recorded at or before the moment', () => {
    const events = [0, 1, 2].map((revision) =>
      recorded({ revision, recordedAt: `2026-01-0${revision + 1}T10:00:00.000Z` }),
    );
    expect(
      eventsUpTo(events, parseAsOf({ date: '2026-01-02T10:00:00.000Z' })).map((e) => e.revision),
    ).toEqual([0, 1]);
    expect(eventsUpTo(events, { revision: 0 }).map((e) => e.revision)).toEqual([0]);
  });
});

describe('time travel by business date (effectiveOn) as well as by recording time (recordedAt)', () => {
  // A case recorded in 2026 whose facts are dated 2024: a back-dated decision.
  const events = [
    recorded({ revision: 0, type: 'RequestOpened', data: { openedOn: '2024-01-05' } }),
    recorded({ revision: 1, type: 'SubmittedToPrefecture', data: { submittedOn: '2024-01-22' } }),
    recorded({ revision: 2, type: 'PrefectAuthorised', data: { decisionDate: '2024-03-01' } }),
  ];

  it('AUD: recordedAt (and date, its older name) reads what had been recorded by then', () => {
    expect(parseAsOf({ recordedAt: '2024-03-01' })).toMatchObject({ date: '2024-03-01', basis: 'recorded' });
    expect(eventsUpTo(events, parseAsOf({ recordedAt: '2024-03-01' }))).toEqual([]);
  });

  it('AUD: effectiveOn reads the facts dated on or before that day, whenever they were recorded', () => {
    const point = parseAsOf({ effectiveOn: '2024-03-01' });
    expect(point).toMatchObject({ date: '2024-03-01', basis: 'effective' });
    expect(eventsUpTo(events, point).map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(eventsUpTo(events, parseAsOf({ effectiveOn: '2024-02-29' })).map((e) => e.revision)).toEqual([
      0, 1,
    ]);
  });

  it.each([
    [{ effectiveOn: '2024-03-01', recordedAt: '2024-03-01' }, 'effectiveOn'],
    [{ effectiveOn: '2024-03-01T10:00:00Z' }, 'effectiveOn'],
    [{ effectiveOn: '2024-02-30' }, 'effectiveOn'],
    [{ recordedAt: '2024-02-30' }, 'recordedAt'],
  ])('%j is refused, naming %s', (query, field) => {
    try {
      parseAsOf(query);
      throw new Error('accepted');
    } catch (error) {
      expect((error as InvalidAsOfError).field).toBe(field);
    }
  });
});

describe('historyEntry: who, when, which command and which rules', () => {
  it('PSP-15: a refusal cites its transition rule and the rules its reasons name', () => {
    const entry = historyEntry(
      recorded({
        type: 'PrefectRefused',
        revision: 5,
        globalPosition: 2n ** 60n,
        data: { decisionDate: '2024-03-01', reasons: ['PSP-01 not met: the person does not agree'] },
        metadata: {
          occurredAt: '2024-03-01T00:00:00.000Z',
          schemaVersion: 1,
          actor: { id: 'agent-42', role: 'prefecture' },
          commandId: 'c-1',
          machineVersion: 'psp-case@1',
        },
      }),
    );
    expect(entry).toMatchObject({
      revision: 5,
      globalPosition: (2n ** 60n).toString(),
      command: 'refuse',
      actor: { role: 'prefecture', id: 'agent-42' },
      reasons: ['PSP-01 not met: the person does not agree'],
    });
    expect(entry.rules).toEqual(expect.arrayContaining(['T6', 'PSP-15', 'PSP-01']));
  });

  it('an event with no actor (written by a migration or a purge) still has an entry', () => {
    expect(
      historyEntry(recorded({ type: 'CaseRecordPurged', data: { purgedThroughRevision: 3 } })),
    ).toMatchObject({
      command: 'purge',
      actor: undefined,
      rules: [],
    });
  });
});
