// Gives each test run a PostgreSQL database of its own, so that two runs on the
// same server never collide. Test files then take a schema of their own inside it.
const { Client } = require('pg');
const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { adminUrl, databaseUrl } = require('./postgres-urls');

/** One log file per run: every API process the specs start appends its stdout and stderr to it. */
function startApiLog() {
  if (process.env.PSP_TEST_API_LOG) return;
  const file = join(mkdtempSync(join(tmpdir(), 'psp-test-run-')), 'api-processes.log');
  writeFileSync(file, '');
  process.env.PSP_TEST_API_LOG = file;
}

module.exports = async function globalSetup() {
  startApiLog();
  if (process.env.PSP_TEST_PG_URL) return;
  const name = `psp_test_${Date.now().toString(36)}_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl() });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    process.env.PSP_TEST_PG_URL = databaseUrl(name);
    globalThis.__PSP_TEST_DATABASE__ = name;
  } catch (error) {
    // The PostgreSQL suites report themselves as failed with this reason;
    // every other suite still runs.
    process.env.PSP_TEST_PG_UNAVAILABLE = String(error && error.message);
  } finally {
    await admin.end().catch(() => undefined);
  }
};
