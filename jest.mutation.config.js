// The jest configuration StrykerJS runs (stryker.config.mjs): the unit project only, over the
// specs of the rules themselves under state-machines/ (the rules are pure, so their specs are all
// there). One project, not three: Stryker measures coverage per test within one jest config.
//
// Left out: the specs that drive the whole case machine through long event histories
// (lifecycle, scenarios, the APS and AFIS regions, the fold, and the model-based graph walk).
// They cover every rule, so Stryker would load all of them for every mutant (minutes per file on
// a shared two-core machine). They still run in `npm test`. Leaving them out can only lower the
// score: the figure in docs/testing.md is what the rule-level specs alone kill.
const { projects, testTimeout } = require('./jest.config.js');

const unit = projects.find((project) => project.displayName === 'unit');

const MACHINE_WIDE_SPECS = [
  '/psp-case/src/fold\\.spec\\.ts$',
  '/psp-case/src/scenarios\\.spec\\.ts$',
  '/psp-case/src/machine/(lifecycle|aps-region|afis-region|psp-case\\.model)\\.spec\\.ts$',
];

module.exports = {
  ...unit,
  displayName: 'mutation',
  roots: ['<rootDir>/state-machines'],
  testTimeout,
  testPathIgnorePatterns: [...unit.testPathIgnorePatterns, ...MACHINE_WIDE_SPECS],
};
