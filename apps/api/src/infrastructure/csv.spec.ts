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

  it('is chosen by ?format=csv or Accept: text/csv', () => {
    expect(wantsCsv({ query: { format: 'csv' }, headers: {} })).toBe(true);
    expect(wantsCsv({ query: {}, headers: { accept: 'text/csv' } })).toBe(true);
    expect(wantsCsv({ query: {}, headers: { accept: 'application/json' } })).toBe(false);
    expect(wantsCsv({ query: {}, headers: {} })).toBe(false);
  });
});
