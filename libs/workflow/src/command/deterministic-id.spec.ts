import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { deterministicUuid, eventIdFor } from './deterministic-id';

/** The first form of `deterministicUuid`: every id already stored was made by it. */
function reference(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

describe('deterministicUuid', () => {
  it('gives a version-5-layout UUID fixed by the name', () => {
    expect(deterministicUuid('case:cmd-1')).toBe(deterministicUuid('case:cmd-1'));
    expect(deterministicUuid('case:cmd-1')).not.toBe(deterministicUuid('case:cmd-2'));
    expect(deterministicUuid('event:abc:0')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(eventIdFor('abc', 0)).toBe(deterministicUuid('event:abc:0'));
  });

  it('gives exactly the ids of its first form (ids already stored stay the same)', () => {
    expect(deterministicUuid('')).toBe(reference(''));
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (name) => {
        expect(deterministicUuid(name)).toBe(reference(name));
      }),
      { numRuns: 5_000 },
    );
  });
});
