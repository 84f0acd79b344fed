// Mutation testing of the legal rules (`npm run test:mutation`; docs/testing.md).
// Not part of `npm test`: run it before resolving any change that touches the law.
// One file while iterating: `npm run test:mutation -- --mutate state-machines/psp-case/src/rules/periods.ts`
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.mutation.config.js',
    enableFindRelatedTests: true,
  },
  coverageAnalysis: 'perTest',
  mutate: [
    'state-machines/**/rules/**/*.ts',
    '!state-machines/**/rules/**/*.spec.ts',
    '!state-machines/**/rules/index.ts',
    'state-machines/psp-case/src/machine/guard-rules.ts',
  ],
  // The machine is small and shared: one or two test processes.
  concurrency: 1,
  // Generous: on a loaded machine a slow run must not count as a killed (timed-out) mutant.
  timeoutMS: 30000,
  // A re-run only tests the mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: '.stryker-tmp',
  ignorePatterns: [
    'dist',
    'data',
    'coverage',
    'reports',
    'bench/node_modules',
    'bench/results',
    '.stryker-tmp',
  ],
  thresholds: { high: 90, low: 85, break: null },
};
