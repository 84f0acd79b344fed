import { JsonLogger, REQUEST_LOG_CONTEXT, safeLogFields } from './json-logger';

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

  const captured = (run: () => void): Record<string, unknown>[] => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      run();
    } finally {
      write.mockRestore();
    }
    return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  };

  it('writes the request id and the correlation id on every line of a request (pino)', () => {
    const logger = new JsonLogger(false, 'info');
    const lines = captured(() =>
      REQUEST_LOG_CONTEXT.run({ requestId: 'req-42', correlationId: 'trace-7' }, () => {
        logger.log({ msg: 'one' }, 'http');
        logger.warn('two');
      }),
    );
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatchObject({ requestId: 'req-42', correlationId: 'trace-7' });
    expect(lines[1]).toMatchObject({ level: 'warn', msg: 'two' });
    expect(typeof lines[0].time).toBe('string');
  });

  it('LOG_LEVEL sets the level; a wrong one is refused', () => {
    const logger = new JsonLogger(false, 'warn');
    const lines = captured(() => {
      logger.log('dropped');
      logger.warn('kept');
    });
    expect(lines.map((line) => line.msg)).toEqual(['kept']);
    expect(() => new JsonLogger(false, 'loud')).toThrow('LOG_LEVEL');
  });
});
