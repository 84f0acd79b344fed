import { forbiddenKeyIn, jsonDepthExceeds } from './http-hardening';

describe('request body guards', () => {
  it('measures JSON nesting without parsing, ignoring brackets inside strings', () => {
    expect(jsonDepthExceeds('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(jsonDepthExceeds(`{"a":"${'['.repeat(100)}"}`, 2)).toBe(false);
    expect(jsonDepthExceeds('{"a":"\\"[[[["}', 1)).toBe(false);
  });

  it('finds prototype keys at any depth, in objects and arrays', () => {
    expect(forbiddenKeyIn({ a: 1, b: [{ c: 2 }] })).toBeUndefined();
    expect(forbiddenKeyIn(JSON.parse('{"a":[{"b":{"constructor":true}}]}'))).toBe('constructor');
    expect(forbiddenKeyIn(JSON.parse('[{"prototype":1}]'))).toBe('prototype');
    // Found by the fuzz test: a valid command body plus "toString": null was accepted.
    expect(forbiddenKeyIn(JSON.parse('{"a":1,"toString":null}'))).toBe('toString');
    expect(forbiddenKeyIn(JSON.parse('{"b":{"valueOf":1}}'))).toBe('valueOf');
    expect(forbiddenKeyIn(JSON.parse('{"x":{"__proto__":{"polluted":1}}}'))).toBe('__proto__');
    expect(forbiddenKeyIn('constructor')).toBeUndefined();
  });
});
