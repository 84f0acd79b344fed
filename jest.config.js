// Three suites, one runner: fast unit specs beside the code (`*.spec.ts`),
// integration specs that touch real SQLite files and the PostgreSQL server
// (`*.int.spec.ts`), and black-box end-to-end specs under test/ (`*.e2e.spec.ts`).
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[/-]/g, (c) => `\\${c}`)}$`,
    `<rootDir>/${target.replace(/^\.\//, '')}`,
  ]),
);

const swc = (syntax) => [
  '@swc/jest',
  {
    swcrc: false,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: syntax === 'typescript' ? { syntax, decorators: true } : { syntax },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
  },
];

// Packages that ship only as ES modules (Node 20 requires them natively; jest does not): the
// console's OIDC client, and content-disposition under @fastify/static. Compiled to CommonJS here.
const ESM_ONLY = ['oauth4webapi', 'content-disposition'];

const transform = {
  [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: swc('ecmascript'),
  '^.+\\.ts$': swc('typescript'),
};

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'json'],
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/state-machines', '<rootDir>/test'],
};

module.exports = {
  // A global option (jest ignores it inside a project): e2e specs spawn the API as a process, and
  // on a loaded machine its start alone can pass the 5 s default.
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.int\\.spec\\.ts$', '\\.e2e\\.spec\\.ts$'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/*.int.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.js',
      globalTeardown: '<rootDir>/test/support/global-teardown.js',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'],
      // Every answer an API process gives is checked against its OpenAPI document.
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-setup.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.js',
      globalTeardown: '<rootDir>/test/support/global-teardown.js',
    },
  ],
};
