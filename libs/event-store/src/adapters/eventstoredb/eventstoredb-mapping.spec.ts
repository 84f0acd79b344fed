import { RecordedEvent as EsdbRecordedEvent, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { WrongExpectedRevisionError } from '../../port/errors';
import {
  EventStoreDbPositionError,
  describeConnectionString,
  isAfter,
  isStreamNotFound,
  isSystemEvent,
  isWrongExpectedVersion,
  toActualRevision,
  toGlobalPosition,
  toReadPosition,
  toRecordedEvent,
  toStreamState,
  toWrongExpectedRevision,
} from './eventstoredb-mapping';

const ID = '5b0c1c44-5d1e-4c5e-9a53-0f5b8f1f2a10';

const esdbEvent = (overrides: Partial<Record<string, unknown>> = {}) =>
  ({
    streamId: 'case-75-1',
    id: ID,
    revision: 3n,
    type: 'RequestOpened',
    isJson: true,
    created: new Date('2024-03-10T09:00:01.500Z'),
    data: { departement: '75' },
    metadata: { occurredAt: '2024-03-10T09:00:00.000Z', schemaVersion: 1 },
    position: { commit: 4096n, prepare: 4096n },
    ...overrides,
  }) as unknown as EsdbRecordedEvent;

describe('EventStoreDB position mapping (docs/adr/0003)', () => {
  it('uses the prepare position of a v20+ event, whose commit and prepare positions are equal', () => {
    expect(toGlobalPosition({ commit: 1_234_567n, prepare: 1_234_567n }, ID)).toBe(1_234_567n);
  });

  it('keeps positions beyond 2^53 exact (bigint all the way)', () => {
    const big = 2n ** 60n + 7n;
    expect(toGlobalPosition({ commit: big, prepare: big }, ID)).toBe(big);
  });

  it('refuses an event of a pre-v20 explicit transaction (commit after prepare) instead of guessing', () => {
    expect(() => toGlobalPosition({ commit: 900n, prepare: 512n }, ID)).toThrow(EventStoreDbPositionError);
  });

  it('refuses an event that came without a position (server older than 22.6)', () => {
    expect(() => toGlobalPosition(undefined, ID)).toThrow(/22\.6/);
  });

  it('starts at the beginning of $all without a checkpoint, and at {p, p} after checkpoint p', () => {
    expect(toReadPosition(undefined)).toBe('start');
    expect(toReadPosition(-1n)).toBe('start');
    expect(toReadPosition(0n)).toEqual({ commit: 0n, prepare: 0n });
    expect(toReadPosition(4096n)).toEqual({ commit: 4096n, prepare: 4096n });
  });

  it('treats the checkpoint as exclusive: the event at the checkpoint itself is not after it', () => {
    expect(isAfter(4096n, 4096n)).toBe(false);
    expect(isAfter(4095n, 4096n)).toBe(false);
    expect(isAfter(4097n, 4096n)).toBe(true);
    expect(isAfter(0n, undefined)).toBe(true);
  });

  it('round-trips: the read position of an event position reads that event first', () => {
    const position = toGlobalPosition({ commit: 8192n, prepare: 8192n }, ID);
    expect(toReadPosition(position)).toEqual({ commit: 8192n, prepare: 8192n });
  });
});

describe('EventStoreDB expected revision mapping', () => {
  it('passes the named states through and numbers as bigint revisions', () => {
    expect(toStreamState('any')).toBe('any');
    expect(toStreamState('no_stream')).toBe('no_stream');
    expect(toStreamState('stream_exists')).toBe('stream_exists');
    expect(toStreamState(0)).toBe(0n);
    expect(toStreamState(41)).toBe(41n);
  });

  it('reads the actual revision of the server as the port does: -1 when there is no stream', () => {
    expect(toActualRevision('no_stream')).toBe(-1);
    expect(toActualRevision(-1n)).toBe(-1);
    expect(toActualRevision(0n)).toBe(0);
    expect(toActualRevision(17n)).toBe(17);
  });
});

describe('EventStoreDB error mapping', () => {
  const wrongVersion = (current: bigint | 'no_stream', expected: bigint | 'no_stream' | 'stream_exists') =>
    new WrongExpectedVersionError(undefined, { streamName: 'case-75-1', expected, current });

  it('turns WrongExpectedVersionError into WrongExpectedRevisionError with the actual revision', () => {
    const error = toWrongExpectedRevision(wrongVersion(2n, 1n), 'case-75-1', 1);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 'case-75-1', expected: 1, actual: 2 });
  });

  it('reports actual -1 when the stream does not exist', () => {
    const error = toWrongExpectedRevision(
      wrongVersion('no_stream', 'stream_exists'),
      'case-75-1',
      'stream_exists',
    );
    expect(error).toMatchObject({ expected: 'stream_exists', actual: -1 });
  });

  it('recognises the client errors by class or by their type tag', () => {
    expect(isWrongExpectedVersion(wrongVersion(0n, 'no_stream'))).toBe(true);
    expect(isWrongExpectedVersion({ type: 'wrong-expected-version' })).toBe(true);
    expect(isWrongExpectedVersion(new Error('boom'))).toBe(false);
    expect(isStreamNotFound({ type: 'stream-not-found' })).toBe(true);
    expect(isStreamNotFound(new Error('stream-not-found'))).toBe(false);
  });
});

describe('EventStoreDB recorded event mapping', () => {
  it('maps the envelope: id, type, JSON data and metadata, stream, revision, position, created time', () => {
    expect(toRecordedEvent(esdbEvent())).toEqual({
      id: ID,
      type: 'RequestOpened',
      data: { departement: '75' },
      metadata: { occurredAt: '2024-03-10T09:00:00.000Z', schemaVersion: 1 },
      streamId: 'case-75-1',
      revision: 3,
      globalPosition: 4096n,
      recordedAt: '2024-03-10T09:00:01.500Z',
    });
  });

  it('gives empty metadata to an event another writer stored with binary or no metadata', () => {
    expect(toRecordedEvent(esdbEvent({ metadata: new Uint8Array([1, 2]) })).metadata).toEqual({});
    expect(toRecordedEvent(esdbEvent({ metadata: undefined })).metadata).toEqual({});
  });

  it('tells system events apart by a $ type or a $ stream', () => {
    expect(isSystemEvent({ type: '$metadata', streamId: '$$case-1' })).toBe(true);
    expect(isSystemEvent({ type: '$>', streamId: '$ce-case' })).toBe(true);
    expect(isSystemEvent({ type: 'Anything', streamId: '$stats-127.0.0.1:2113' })).toBe(true);
    expect(isSystemEvent({ type: 'RequestOpened', streamId: 'case-75-1' })).toBe(false);
  });
});

describe('EventStoreDB connection string in health details', () => {
  it('shows scheme and hosts, never the credentials or the query', () => {
    expect(
      describeConnectionString(
        'esdb://admin:changeit@node1:2113,node2:2113?tls=true&userKeyFile=/keys/k.pem',
      ),
    ).toEqual({ scheme: 'esdb', hosts: ['node1:2113', 'node2:2113'] });
    expect(describeConnectionString('kurrentdb+discover://cluster.example.org:2113')).toEqual({
      scheme: 'kurrentdb+discover',
      hosts: ['cluster.example.org:2113'],
    });
    expect(JSON.stringify(describeConnectionString('esdb://u:secret@h:1'))).not.toContain('secret');
  });

  it('says nothing when the string cannot be read', () => {
    expect(describeConnectionString('not a url')).toEqual({ scheme: 'unknown', hosts: [] });
  });
});
