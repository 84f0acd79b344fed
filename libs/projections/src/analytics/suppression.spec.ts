import fc from 'fast-check';
import {
  DEFAULT_MIN_CELL,
  Grid,
  IndicatorConfigError,
  Mask,
  complete,
  determinedCells,
  extendGrid,
  linesOf,
  minCellFromEnv,
  protect,
  protectLinked,
} from './suppression';

/** Rank of a dense matrix by Gaussian elimination (small 0/±1 systems; exact enough in floats). */
function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let rank = 0;
  const width = m[0]?.length ?? 0;
  for (let col = 0; col < width && rank < m.length; col++) {
    let pivot = -1;
    for (let r = rank; r < m.length; r++) if (Math.abs(m[r][col]) > 1e-9) pivot = pivot < 0 ? r : pivot;
    if (pivot < 0) continue;
    [m[rank], m[pivot]] = [m[pivot], m[rank]];
    for (let r = 0; r < m.length; r++) {
      if (r === rank || Math.abs(m[r][col]) < 1e-9) continue;
      const f = m[r][col] / m[rank][col];
      for (let c = col; c < width; c++) m[r][c] -= f * m[rank][c];
    }
    rank++;
  }
  return rank;
}

/**
 * Independent check: the suppressed cells a reader can solve for exactly from the published table.
 * Unknowns are the suppressed cells; each line is `Σ interior − total = 0`. Cell i is determined iff
 * removing its column lowers the rank of the system (no null vector moves it).
 */
function recoverable(grid: Grid, mask: Mask): [number, number][] {
  const unknowns: [number, number][] = [];
  mask.forEach((row, r) => row.forEach((h, c) => h && unknowns.push([r, c])));
  if (unknowns.length === 0) return [];
  const height = grid.values.length;
  const width = grid.values[0].length;
  const equations = linesOf(grid).map((line) =>
    unknowns.map(([r, c]) => {
      if (!line.some(([lr, lc]) => lr === r && lc === c)) return 0;
      const isTotal = line.length === height ? r === height - 1 : c === width - 1;
      return isTotal ? -1 : 1;
    }),
  );
  const full = rank(equations);
  return unknowns.filter((_, i) => rank(equations.map((e) => e.filter((_, j) => j !== i))) < full);
}

const table = fc
  .record({
    rows: fc.integer({ min: 1, max: 7 }),
    cols: fc.integer({ min: 1, max: 5 }),
    additive: fc.boolean(),
  })
  .chain(({ rows, cols, additive }) =>
    fc.record({
      cells: fc.array(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 60 })), {
          minLength: cols,
          maxLength: cols,
        }),
        { minLength: rows, maxLength: rows },
      ),
      cols: fc.constant(cols),
      additive: fc.constant(additive),
    }),
  );

describe('suppression (ACL-06, section 7.3 item 10)', () => {
  it('ACL-06: no published cell lies between 1 and k−1, for any table and any k ≥ 5', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 5, max: 15 }), ({ cells, cols, additive }, k) => {
        const grid = extendGrid(cells, cols, additive);
        const mask = protect(grid, k);
        grid.values.forEach((row, r) =>
          row.forEach((v, c) => {
            if (!mask[r][c]) expect(v === 0 || v >= k).toBe(true);
          }),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('ACL-06: no suppressed cell can be solved for from the row, column and national totals', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 5, max: 15 }), ({ cells, cols, additive }, k) => {
        const grid = extendGrid(cells, cols, additive);
        const mask = protect(grid, k);
        expect(recoverable(grid, mask)).toEqual([]);
        for (const line of linesOf(grid)) {
          const hidden = line.filter(([r, c]) => mask[r][c]).length;
          expect(hidden === 0 || hidden >= 2).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('ACL-06: linked tables keep a shared quantity hidden everywhere, and each stays unrecoverable', () => {
    fc.assert(
      fc.property(table, table, fc.integer({ min: 5, max: 12 }), (a, b, k) => {
        const rows = Math.min(a.cells.length, b.cells.length);
        const ga = extendGrid(a.cells.slice(0, rows), a.cols, true);
        const gb = extendGrid(b.cells.slice(0, rows), b.cols, true);
        // The two tables' row totals are linked (e.g. AFIS beneficiaries by age and by nationality).
        const key = (g: Grid) => (cell: readonly [number, number]) =>
          g.hasTotal && cell[1] === g.values[0].length - 1 ? `row-${cell[0]}` : undefined;
        const [ma, mb] = protectLinked(
          [
            { grid: ga, keyOf: key(ga) },
            { grid: gb, keyOf: key(gb) },
          ],
          k,
        );
        expect(recoverable(ga, ma)).toEqual([]);
        expect(recoverable(gb, mb)).toEqual([]);
        if (ga.hasTotal && gb.hasTotal) {
          for (let r = 0; r <= rows; r++) {
            if (ga.values[r][a.cols] === gb.values[r][b.cols]) expect(ma[r][a.cols]).toBe(mb[r][b.cols]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('ACL-06: two hidden cycles joined by one hidden cell still give that cell away; a further cell closes the gap', () => {
    const grid = extendGrid(
      [
        [20, 30, 40, 50],
        [25, 35, 45, 55],
        [60, 70, 80, 90],
        [65, 75, 85, 95],
      ],
      4,
      true,
    );
    // Every row and column holds 0 or ≥ 2 hidden cells, yet (1,2) is a bridge between the two cycles.
    const mask: Mask = grid.values.map((row) => row.map(() => false));
    for (const [r, c] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [2, 2],
      [2, 3],
      [3, 2],
      [3, 3],
      [1, 2],
    ] as const) {
      mask[r][c] = true;
    }
    expect(recoverable(grid, mask)).toEqual([[1, 2]]);
    expect(determinedCells(grid, mask)).toEqual([[1, 2]]);
    complete(grid, mask);
    expect(determinedCells(grid, mask)).toEqual([]);
    expect(recoverable(grid, mask)).toEqual([]);
  });

  it('a lone small département is hidden together with the next smallest one, so the national total does not give it away', () => {
    const grid = extendGrid([[3], [40], [25], [0]], 1, false);
    const mask = protect(grid, 11);
    expect(mask.map((r) => r[0])).toEqual([true, false, true, false, false]);
  });

  it(`ACL-06: the minimum cell size defaults to ${DEFAULT_MIN_CELL} and k < 5 is refused as a configuration error`, () => {
    expect(minCellFromEnv({})).toBe(11);
    expect(minCellFromEnv({ INDICATORS_MIN_CELL: '5' })).toBe(5);
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 4 }), (k) => {
        expect(() => minCellFromEnv({ INDICATORS_MIN_CELL: String(k) })).toThrow(IndicatorConfigError);
        expect(() => protect(extendGrid([[1]], 1, false), k)).toThrow(IndicatorConfigError);
      }),
    );
    expect(() => minCellFromEnv({ INDICATORS_MIN_CELL: 'ten' })).toThrow(/INDICATORS_MIN_CELL/);
  });
});
