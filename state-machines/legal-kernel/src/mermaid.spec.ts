import { createMachine, setup } from 'xstate';
import { toMermaid } from './mermaid';

describe('toMermaid (state chart as Mermaid stateDiagram-v2)', () => {
  it('draws the initial arrow, nested compound states, guarded transitions and final states', () => {
    const machine = setup({ guards: { bothOpinionsOnFile: () => true } }).createMachine({
      id: 'case',
      initial: 'requested',
      states: {
        requested: {
          initial: 'drafting',
          states: {
            drafting: { on: { InstructionCompleted: 'instructed' } },
            instructed: {},
          },
          on: { PrefectAuthorised: { target: 'active', guard: 'bothOpinionsOnFile' } },
        },
        active: { on: { Completed: 'completed' } },
        completed: { type: 'final' },
      },
    });

    const text = toMermaid(machine);

    expect(text.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(text).toContain('  [*] --> requested');
    expect(text).toContain('  state "requested" as requested {');
    expect(text).toContain('    [*] --> requested__drafting');
    expect(text).toContain('    requested__drafting --> requested__instructed: InstructionCompleted');
    expect(text).toContain('  requested --> active: PrefectAuthorised [bothOpinionsOnFile]');
    expect(text).toContain('  completed --> [*]');
  });

  it('separates parallel regions with -- and keeps same-named states apart by their path', () => {
    const machine = createMachine({
      id: 'psp',
      type: 'parallel',
      states: {
        status: { initial: 'refused', states: { refused: {} } },
        aps: {
          initial: 'to_file',
          states: { to_file: { on: { ApsRefused: 'refused' } }, refused: {} },
        },
      },
    });

    const text = toMermaid(machine, { guards: false });
    const lines = text.split('\n');

    expect(lines).toContain('  --');
    expect(text).toContain('state "refused" as status__refused');
    expect(text).toContain('state "refused" as aps__refused');
    expect(text).toContain('aps__to_file --> aps__refused: ApsRefused');
    // the regions are drawn in document order, separated once
    expect(lines.indexOf('  --')).toBeGreaterThan(lines.findIndex((l) => l.includes('as status {')));
    expect(lines.indexOf('  --')).toBeLessThan(lines.findIndex((l) => l.includes('as aps {')));
  });

  it('labels eventless and delayed transitions and can show targetless ones as self-loops', () => {
    const machine = createMachine({
      id: 'm',
      initial: 'a',
      states: {
        a: { always: { target: 'b' } },
        b: { after: { 1000: 'c' }, on: { Noted: { actions: () => undefined } } },
        c: {},
      },
    });

    const plain = toMermaid(machine);
    const loops = toMermaid(machine, { targetless: true, direction: 'LR' });

    expect(plain).toContain('a --> b: always');
    expect(plain).toContain('b --> c: after 1000');
    expect(plain).not.toContain('b --> b');
    expect(loops).toContain('b --> b: Noted');
    expect(loops).toContain('  direction LR');
  });

  it('draws a transition that crosses a compound boundary in the block of the common ancestor', () => {
    const machine = createMachine({
      id: 'm',
      initial: 'x',
      states: {
        x: { initial: 'x1', states: { x1: { on: { Go: '#m.y.y1' } } } },
        y: { initial: 'y1', states: { y1: {} } },
      },
    });

    const lines = toMermaid(machine).split('\n');

    expect(lines).toContain('  x__x1 --> y__y1: Go');
  });
});
