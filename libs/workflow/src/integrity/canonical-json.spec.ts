import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

/** The first form of `canonicalJson`, kept as the reference the stored hashes were taken with. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return JSON.stringify(value.toString());
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('sorts keys at every level by UTF-16 code units and drops undefined properties', () => {
    expect(
      canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'é' }], c: undefined }, B: true, é: 2, Z: 0 }),
    ).toBe('{"B":true,"Z":0,"a":{"d":[3,{"y":"é","z":null}]},"b":1,"é":2}');
    expect(canonicalJson({ '\u{1F600}': 1, '\uFFFF': 2 })).toBe('{"\u{1F600}":1,"\uFFFF":2}');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
  });

  it('writes scalars as JSON does, bigints as strings and what JSON cannot write as null', () => {
    expect(canonicalJson('a"b\n')).toBe('"a\\"b\\n"');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(Number.NaN)).toBe('null');
    expect(canonicalJson(10n)).toBe('"10"');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([undefined, () => 1, 1])).toBe('[null,null,1]');
    // eslint-disable-next-line no-sparse-arrays
    expect(canonicalJson([1, , 2])).toBe('[1,,2]');
  });

  it('gives exactly the text of its first form for any JSON value (stored hashes stay valid)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.anything(), (json, anything) => {
        expect(canonicalJson(json)).toBe(reference(json));
        expect(canonicalJson(anything)).toBe(reference(anything));
      }),
      { numRuns: 2_000 },
    );
  });
});
