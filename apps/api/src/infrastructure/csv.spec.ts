import { toCsv, wantsCsv } from './csv';

describe('CSV export', () => {
  const columns = [
    { header: 'id', value: (r: { id: string; n?: number }) => r.id },
    { header: 'n', value: (r: { id: string; n?: number }) => r.n },
  ];

  it('quotes separators, quotes and line breaks (RFC 4180)', () => {
    expect(toCsv(columns, [{ id: 'a,b', n: 1 }, { id: 'say "hi"' }, { id: 'x\ny', n: 0 }])).toBe(
      'id,n\r\n"a,b",1\r\n"say ""hi""",\r\n"x\ny",0\r\n',
    );
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(toCsv(columns, [{ id: '=HYPERLINK("x")' }, { id: '-1+1' }, { id: '@SUM(A1)' }])).toBe(
      'id,n\r\n"\'=HYPERLINK(""x"")",\r\n\'-1+1,\r\n\'@SUM(A1),\r\n',
    );
  });

  it('R17: defuses formulas behind leading blanks, fullwidth signs and cells starting with a line break', () => {
    const dangerous = [
      '  =1+1',
      '\u00a0+cmd',
      '\t=1',
      '＝HYPERLINK("x")',
      '＋1',
      '－1',
      '＠SUM(A1)',
      '\n=1+1',
      '\r\n@x',
      '\nplain',
    ];
    const body = (id: string) => toCsv(columns, [{ id }]).slice('id,n\r\n'.length);
    // Every dangerous cell starts with the apostrophe (inside its quotes when quoted).
    for (const id of dangerous) expect([id, body(id)]).toEqual([id, expect.stringMatching(/^"?'/)]);
    expect(body('plain text')).toBe('plain text,\r\n');
    expect(body('a - b')).toBe('a - b,\r\n');
  });

  it('is chosen by ?format=csv or Accept: text/csv', () => {
    expect(wantsCsv({ query: { format: 'csv' }, headers: {} })).toBe(true);
    expect(wantsCsv({ query: {}, headers: { accept: 'text/csv' } })).toBe(true);
    expect(wantsCsv({ query: {}, headers: { accept: 'application/json' } })).toBe(false);
    expect(wantsCsv({ query: {}, headers: {} })).toBe(false);
  });
});
