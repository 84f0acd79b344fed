/**
 * Statistical disclosure control for count tables (ACL-06, section 7.3 item 10).
 *
 * A table is rows (départements) × columns (categories) of counts of people or files, with its
 * national row (the column totals) and, when the categories partition each row, a total column.
 * Seen as the extended grid below, every line (a column, and a row when the table is additive) is a
 * linear equation: its interior cells sum to its total cell.
 *
 *               c0   c1 … c(C-1) | total (additive only)
 *   dept 0      x    x      x    |  Σ
 *   …
 *   national    Σ    Σ      Σ    |  ΣΣ
 *
 * 1. Primary suppression: every cell, interior or marginal, with 0 < value < k.
 * 2. Complementary suppression, to a fixed point:
 *    a. a line holding exactly one suppressed cell gets a second one: the smallest published
 *       non-zero interior cell of the line (then marginal, then zeros), so the line's equation
 *       cannot be solved for it;
 *    b. additive tables: the suppressed cells form a bipartite graph (row lines × column lines).
 *       A suppressed cell is undetermined by the published equations exactly when its edge lies on
 *       a cycle (adding ±ε around the cycle keeps every line sum); an edge that is a bridge is
 *       determined, so a cell joining the bridge's two sides is suppressed too.
 * 3. Linked tables: cells that show the same quantity in several tables (a key) share their
 *    suppression; the fixed point runs over all tables together.
 */

export const DEFAULT_MIN_CELL = 11;
export const LOWEST_MIN_CELL = 5;

export class IndicatorConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndicatorConfigError';
  }
}

/** `INDICATORS_MIN_CELL` (default 11); below 5 is refused (ACL-06, 7.3 item 10: "fewer than 5–10 people"). */
export function minCellFromEnv(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.INDICATORS_MIN_CELL;
  if (raw === undefined || raw === '') return DEFAULT_MIN_CELL;
  if (!/^\d+$/.test(raw)) {
    throw new IndicatorConfigError(
      `INDICATORS_MIN_CELL must be a whole number ≥ ${LOWEST_MIN_CELL}, got ${raw}`,
    );
  }
  return checkMinCell(Number(raw));
}

export function checkMinCell(k: number): number {
  if (!Number.isInteger(k) || k < LOWEST_MIN_CELL) {
    throw new IndicatorConfigError(
      `INDICATORS_MIN_CELL must be a whole number ≥ ${LOWEST_MIN_CELL} (ACL-06), got ${k}`,
    );
  }
  return k;
}

/** The extended grid of a table: interior counts plus the national row and, if additive, the total column. */
export interface Grid {
  /** (R + 1) × (C + 1 if hasTotal else C): the last row is national, the last column the total. */
  readonly values: readonly (readonly number[])[];
  readonly hasTotal: boolean;
}

/** Cell coordinates in a grid. */
export type Cell = readonly [row: number, column: number];

export function extendGrid(cells: readonly (readonly number[])[], columns: number, additive: boolean): Grid {
  const hasTotal = additive && columns >= 2;
  const rows = cells.map((row) => (hasTotal ? [...row, sum(row)] : [...row]));
  const width = hasTotal ? columns + 1 : columns;
  const national = Array.from({ length: width }, (_, c) => sum(rows.map((row) => row[c])));
  return { values: [...rows, national], hasTotal };
}

/** The linear equations of a grid, each as the list of its cells (interior cells and the total). */
export function linesOf(grid: Grid): Cell[][] {
  const height = grid.values.length;
  const width = grid.values[0]?.length ?? 0;
  const lines: Cell[][] = [];
  for (let c = 0; c < width; c++) lines.push(Array.from({ length: height }, (_, r) => [r, c] as const));
  if (grid.hasTotal) {
    for (let r = 0; r < height; r++) lines.push(Array.from({ length: width }, (_, c) => [r, c] as const));
  }
  return lines.filter((line) => line.length >= 2);
}

export type Mask = boolean[][];

function isMarginal(grid: Grid, [r, c]: Cell): boolean {
  const width = grid.values[0].length;
  return r === grid.values.length - 1 || (grid.hasTotal && c === width - 1);
}

/** Order of preference for a complementary cell: small non-zero interior, then marginal, then zeros. */
function cost(grid: Grid, cell: Cell): [number, number, number] {
  const value = grid.values[cell[0]][cell[1]];
  return [value === 0 ? 1 : 0, isMarginal(grid, cell) ? 1 : 0, value];
}

function cheapest(grid: Grid, candidates: readonly Cell[]): Cell | undefined {
  let best: Cell | undefined;
  let bestCost: [number, number, number] | undefined;
  for (const cell of candidates) {
    const k = cost(grid, cell);
    if (
      !bestCost ||
      k[0] < bestCost[0] ||
      (k[0] === bestCost[0] && (k[1] < bestCost[1] || (k[1] === bestCost[1] && k[2] < bestCost[2])))
    ) {
      best = cell;
      bestCost = k;
    }
  }
  return best;
}

/** Primary suppression: 0 < value < k. */
export function primaryMask(grid: Grid, k: number): Mask {
  return grid.values.map((row) => row.map((v) => v > 0 && v < k));
}

/** One pass of rule 2a; true when it suppressed something. */
function completeLines(grid: Grid, mask: Mask): boolean {
  let changed = false;
  for (const line of linesOf(grid)) {
    const hidden = line.filter(([r, c]) => mask[r][c]);
    if (hidden.length !== 1) continue;
    const pick = cheapest(
      grid,
      line.filter(([r, c]) => !mask[r][c]),
    );
    if (pick) {
      mask[pick[0]][pick[1]] = true;
      changed = true;
    }
  }
  return changed;
}

/** Row node r is `r`, column node c is `height + c`. */
function suppressedGraph(grid: Grid, mask: Mask): { height: number; adjacency: Map<number, Cell[]> } {
  const height = grid.values.length;
  const adjacency = new Map<number, Cell[]>();
  const link = (node: number, cell: Cell) => {
    const edges = adjacency.get(node);
    if (edges) edges.push(cell);
    else adjacency.set(node, [cell]);
  };
  mask.forEach((row, r) =>
    row.forEach((hidden, c) => {
      if (!hidden) return;
      link(r, [r, c]);
      link(height + c, [r, c]);
    }),
  );
  return { height, adjacency };
}

/** Nodes reachable from `start` without crossing the edge `skip`. */
function reach(graph: ReturnType<typeof suppressedGraph>, start: number, skip: Cell): Set<number> {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length) {
    const node = stack.pop()!;
    for (const [r, c] of graph.adjacency.get(node) ?? []) {
      if (r === skip[0] && c === skip[1]) continue;
      for (const next of [r, graph.height + c]) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
  }
  return seen;
}

/** Suppressed cells that the published equations determine (bridges of the suppressed graph). */
export function determinedCells(grid: Grid, mask: Mask, firstOnly = false): Cell[] {
  const out: Cell[] = [];
  if (!grid.hasTotal) {
    for (const line of linesOf(grid)) {
      const hidden = line.filter(([r, c]) => mask[r][c]);
      if (hidden.length === 1) out.push(hidden[0]);
    }
    return out;
  }
  const graph = suppressedGraph(grid, mask);
  for (let r = 0; r < mask.length; r++) {
    for (let c = 0; c < mask[r].length; c++) {
      if (mask[r][c] && !reach(graph, r, [r, c]).has(graph.height + c)) {
        out.push([r, c]);
        if (firstOnly) return out;
      }
    }
  }
  return out;
}

/** One pass of rule 2b; true when it suppressed something. */
function breakBridges(grid: Grid, mask: Mask): boolean {
  if (!grid.hasTotal) return false;
  const graph = suppressedGraph(grid, mask);
  for (const [r, c] of determinedCells(grid, mask, true)) {
    const side = reach(graph, r, [r, c]);
    const other = reach(graph, graph.height + c, [r, c]);
    const candidates: Cell[] = [];
    grid.values.forEach((row, r2) =>
      row.forEach((_, c2) => {
        if (mask[r2][c2]) return;
        const col = graph.height + c2;
        if ((side.has(r2) && other.has(col)) || (other.has(r2) && side.has(col))) candidates.push([r2, c2]);
      }),
    );
    const pick = cheapest(grid, candidates);
    if (pick) {
      mask[pick[0]][pick[1]] = true;
      return true;
    }
  }
  return false;
}

/** Rules 2a and 2b on one grid, to a fixed point. Mutates and returns `mask`. */
export function complete(grid: Grid, mask: Mask): Mask {
  for (;;) {
    if (completeLines(grid, mask)) continue;
    if (breakBridges(grid, mask)) continue;
    return mask;
  }
}

/** Protects one table on its own. */
export function protect(grid: Grid, k: number): Mask {
  return complete(grid, primaryMask(grid, checkMinCell(k)));
}

/** A grid with, for some cells, the key of the quantity they show (shared with other tables). */
export interface LinkedGrid {
  readonly grid: Grid;
  readonly keyOf: (cell: Cell) => string | undefined;
}

/** Protects several tables that share quantities: a key suppressed anywhere is suppressed everywhere. */
export function protectLinked(tables: readonly LinkedGrid[], k: number): Mask[] {
  checkMinCell(k);
  const masks = tables.map((t) => primaryMask(t.grid, k));
  for (;;) {
    masks.forEach((mask, i) => complete(tables[i].grid, mask));
    const hiddenKeys = new Set<string>();
    masks.forEach((mask, i) =>
      mask.forEach((row, r) =>
        row.forEach((hidden, c) => {
          const key = hidden ? tables[i].keyOf([r, c]) : undefined;
          if (key !== undefined) hiddenKeys.add(key);
        }),
      ),
    );
    let changed = false;
    masks.forEach((mask, i) =>
      mask.forEach((row, r) =>
        row.forEach((hidden, c) => {
          const key = tables[i].keyOf([r, c]);
          if (!hidden && key !== undefined && hiddenKeys.has(key)) {
            row[c] = true;
            changed = true;
          }
        }),
      ),
    );
    if (!changed) return masks;
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
