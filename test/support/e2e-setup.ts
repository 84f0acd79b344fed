import { ResponseContract, checkedFetch } from './response-contract';

/**
 * Every e2e suite: each answer of an API process is checked against the OpenAPI document it
 * serves (test/support/response-contract.ts). The suite fails at its end, naming the requests,
 * when an answer does not match its documented schema.
 */
const original = globalThis.fetch;
const contract = new ResponseContract((url) => original(url));
globalThis.fetch = checkedFetch(original, contract);

afterAll(() => {
  globalThis.fetch = original;
  if (contract.violations.length === 0) return;
  const lines = contract.violations
    .slice(0, 30)
    .map((v) => `  ${v.request} → ${v.status}: ${v.problem}`)
    .join('\n');
  throw new Error(`${contract.violations.length} answer(s) do not match the OpenAPI document:\n${lines}`);
});
