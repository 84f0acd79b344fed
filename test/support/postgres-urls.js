// The server the test runs use: PSP_TEST_PG_ADMIN_URL, or the local server with trust auth.
const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function adminUrl() {
  return process.env.PSP_TEST_PG_ADMIN_URL || DEFAULT_ADMIN_URL;
}

function databaseUrl(name) {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

module.exports = { adminUrl, databaseUrl };
