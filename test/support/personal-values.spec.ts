import { collectPersonalValues, findPersonalValues } from './personal-values';

describe('the personal-value search used by the log scan and the privacy specs', () => {
  it('collects the personal values written in the test fixtures', () => {
    const values = collectPersonalValues();
    for (const value of [
      'Zéphyrine',
      'Testvaleur',
      '2001-06-15',
      'zephyrine.testvaleur@example.org',
      'Oriane',
    ])
      expect(values).toContain(value);
    expect(values.every((v) => v.length >= 4)).toBe(true);
  });

  it.each([
    ['UTF-8', (v: string) => Buffer.from(`xx${v}yy`)],
    ['UTF-16LE', (v: string) => Buffer.from(`xx${v}yy`, 'utf16le')],
    ['JSON with \\u escapes', (v: string) => Buffer.from(JSON.stringify({ a: v }).replace('é', '\\u00e9'))],
    ['base64 at offset 0', (v: string) => Buffer.from(Buffer.from(`${v}tail`).toString('base64'))],
    ['base64 at offset 1', (v: string) => Buffer.from(Buffer.from(`x${v}tail`).toString('base64'))],
    ['base64 at offset 2', (v: string) => Buffer.from(Buffer.from(`xy${v}tail`).toString('base64'))],
  ])('finds a value written in %s', (_encoding, encode) => {
    expect(findPersonalValues(encode('Zéphyrine Testvaleur'), ['Zéphyrine Testvaleur'])).not.toEqual([]);
  });

  it('finds nothing when the value is absent', () => {
    expect(
      findPersonalValues(Buffer.from('{"msg":"request","route":"/cases/:caseId"}'), ['Zéphyrine']),
    ).toEqual([]);
  });
});
