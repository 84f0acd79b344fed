// Validates an OpenAPI document file with @apidevtools/swagger-parser (OpenAPI 3.1 schema, $refs).
// Run as its own Node process: swagger-parser is an ES module, which Jest's CommonJS runtime cannot load.
// Usage: node test/support/validate-openapi.js <file.json>; exit 0 when valid, 1 with the reason.
const { readFileSync } = require('node:fs');
const SwaggerParser = require('@apidevtools/swagger-parser');

SwaggerParser.validate(JSON.parse(readFileSync(process.argv[2], 'utf8'))).then(
  (api) => console.log(`valid OpenAPI ${api.openapi}`),
  (error) => {
    console.error(error.message);
    process.exit(1);
  },
);
