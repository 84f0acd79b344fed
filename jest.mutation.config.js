// The jest configuration StrykerJS runs (stryker.config.mjs): the unit project only, over the
// pure rules' own specs under state-machines/ (the rules have no I/O, so their specs are all
// there). One project, not three: Stryker measures coverage per test within one jest config.
// Left out: the model-based walk of the case machine (psp-case.model.spec.ts). It covers every
// rule, so Stryker would run its 5-second graph walk for every mutant; it checks invariants, not
// the boundaries a mutant moves. It still runs in `npm test`.
const { projects, testTimeout } = require('./jest.config.js');

const unit = projects.find((project) => project.displayName === 'unit');

module.exports = {
  ...unit,
  displayName: 'mutation',
  roots: ['<rootDir>/state-machines'],
  testTimeout,
  testPathIgnorePatterns: [...unit.testPathIgnorePatterns, '\\.model\\.spec\\.ts$'],
};
