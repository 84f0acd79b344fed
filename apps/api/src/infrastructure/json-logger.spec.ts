import { JsonLogger, safeLogFields } from './json-logger';

describe('JSON logger (ACL-04: no body, no query string, no person in a log line)', () => {
  it('withholds content-bearing fields at any depth and cuts query strings off paths', () => {
    expect(
      safeLogFields({
        msg: 'request',
        url: '/cases?givenName=Loggedname',
        route: '/cases/:caseId',
        body: { person: { givenName: 'Loggedname' } },
        nested: { query: { familyName: 'Loggedfamily' }, person: 'x', status: 200 },
      }),
    ).toEqual({
      msg: 'request',
      url: '/cases',
      route: '/cases/:caseId',
      body: '[withheld]',
      nested: { query: '[withheld]', person: '[withheld]', status: 200 },
    });
  });

  it('writes one JSON line without the withheld values', () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      new JsonLogger().log({ msg: 'x', body: { birthDate: '1990-01-01' }, instance: '/a?b=c' }, 'http');
    } finally {
      write.mockRestore();
    }
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 'info',
      context: 'http',
      body: '[withheld]',
      instance: '/a',
    });
    expect(lines[0]).not.toContain('1990-01-01');
  });
});
