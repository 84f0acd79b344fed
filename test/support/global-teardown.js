const { Client } = require('pg');
const { adminUrl } = require('./postgres-urls');

module.exports = async function globalTeardown() {
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
};
