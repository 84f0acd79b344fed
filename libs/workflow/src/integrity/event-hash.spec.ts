import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json';
import { eventHash } from './event-hash';

describe('eventHash', () => {
  it('is the SHA-256 (hex) of the canonical JSON of the event, as the chains already stored were hashed', () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc.uuid(),
          streamId: fc.string(),
          revision: fc.nat(),
          type: fc.string(),
          data: fc.jsonValue(),
          metadata: fc.dictionary(fc.string(), fc.jsonValue()),
        }),
        (event) => {
          const { id, streamId, revision, type, data, metadata } = event;
          const text = canonicalJson({ id, streamId, revision, type, data, metadata });
          expect(eventHash(event)).toBe(createHash('sha256').update(text).digest('hex'));
        },
      ),
      { numRuns: 1_000 },
    );
    expect(
      eventHash({ id: 'e', streamId: 's', revision: 0, type: 'T', data: { b: 1, a: 'é' }, metadata: {} }),
    ).toBe(
      createHash('sha256')
        .update('{"data":{"a":"é","b":1},"id":"e","metadata":{},"revision":0,"streamId":"s","type":"T"}')
        .digest('hex'),
    );
  });
});
