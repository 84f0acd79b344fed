const { Client } = require('pg');
const { existsSync, readFileSync, rmSync } = require('node:fs');
const { dirname } = require('node:path');
const { adminUrl } = require('./postgres-urls');
const { collectPersonalValues, findPersonalValues } = require('./personal-values');

/**
 * ACL-04 / ACL-06: no personal value the specs use may appear in what any API process wrote
 * during the whole run (stdout and stderr, collected by test/support/api-process.ts). A leak
 * fails the run; the log is kept for inspection then.
 */
function scanApiLog() {
  const file = process.env.PSP_TEST_API_LOG;
  if (!file || !existsSync(file) || globalThis.__PSP_API_LOG_SCANNED__) return;
  globalThis.__PSP_API_LOG_SCANNED__ = true;
  const values = collectPersonalValues();
  const leaks = findPersonalValues(readFileSync(file), values);
  if (leaks.length > 0) {
    const list = leaks.map((l) => `"${l.value}" (${l.encoding})`).join(', ');
    throw new Error(`personal values in the API process logs of this run (${file}): ${list}`);
  }
  process.stdout.write(`\nlog scan: ${values.length} personal values, none in the API logs of this run\n`);
  if (!process.env.PSP_KEEP_TEST_LOGS) rmSync(dirname(file), { recursive: true, force: true });
}

module.exports = async function globalTeardown() {
  try {
    await dropDatabase();
  } finally {
    scanApiLog();
  }
};

async function dropDatabase() {
  const name = globalThis.__PSP_TEST_DATABASE__;
  if (!name || process.env.PSP_KEEP_TEST_DATABASE) return;
  globalThis.__PSP_TEST_DATABASE__ = undefined;
  const admin = new Client({ connectionString: adminUrl() });
  try {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end().catch(() => undefined);
  }
}
