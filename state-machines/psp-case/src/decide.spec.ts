import { decide } from './decide';
import { PspCaseEvent } from './events';
import { initialCaseState, applyEvent } from './fold';
import { activeCase, foreignNationalCase, renewal, resumption, entryUnderDecision } from './testing/fixtures';

/** Several lives of a case, and every event they hold as a candidate in every state they pass. */
const SCENARIOS: readonly (readonly PspCaseEvent[])[] = [
  activeCase(),
  [...activeCase(), ...renewal('2024-08-20')],
  [...activeCase(), ...resumption('2024-10-01')],
  foreignNationalCase(),
  entryUnderDecision(),
];

describe('decide: one transition decides (PD-6)', () => {
  it('accepts exactly the events the machine can take, in every state of several case lives', () => {
    const candidates = SCENARIOS.flat();
    let checked = 0;
    let refused = 0;
    for (const events of SCENARIOS) {
      let state = initialCaseState();
      for (const event of events) {
        for (const candidate of candidates) {
          const decision = decide(state, candidate);
          expect({ type: candidate.type, accepted: decision.accepted }).toEqual({
            type: candidate.type,
            accepted: state.can(candidate),
          });
          checked += 1;
          if (!decision.accepted) {
            refused += 1;
            expect(decision.violations.length).toBeGreaterThan(0);
          }
        }
        state = applyEvent(state, event);
      }
    }
    expect(checked).toBeGreaterThan(1_000);
    expect(refused).toBeGreaterThan(checked / 2);
  });
});
