import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly endTime: number;
}

/**
 * A window of each profile, in milliseconds counted back from its end: `from` ms before the end up
 * to `to` ms before it (a process profiled from its start, where only a load in its middle matters).
 */
export interface ProfileWindow {
  readonly from: number;
  readonly to: number;
}

export interface ProfileLine {
  readonly share: number;
  readonly name: string;
}

/**
 * Where a process spent its time, from the `.cpuprofile` files `node --cpu-prof` wrote in `dir`:
 * the functions with the most self time, and the product's own functions (apps/, libs/,
 * state-machines/) with the most inclusive time (their callees included).
 */
export function summarizeCpuProfiles(
  dir: string,
  top = 15,
  window?: ProfileWindow,
): { self: ProfileLine[]; inclusive: ProfileLine[] } {
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const time = new Map<number, number>();
    // Sample times, from the last one back (timeDeltas are the gaps between samples, in µs).
    const at: number[] = [];
    let t = profile.endTime;
    for (let i = profile.samples.length - 1; i >= 0; i -= 1) {
      at[i] = t;
      t -= profile.timeDeltas[i] ?? 0;
    }
    profile.samples.forEach((id, i) => {
      const before = (profile.endTime - at[i]) / 1000;
      if (window && (before > window.from || before < window.to)) return;
      time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    for (const [id, t] of time) {
      total += t;
      const key = label(byId.get(id)!);
      self.set(key, (self.get(key) ?? 0) + t);
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const node = byId.get(cur)!;
        const name = label(node);
        if (!seen.has(name) && /\/(apps|libs|state-machines)\//.test(node.callFrame.url)) {
          inclusive.set(name, (inclusive.get(name) ?? 0) + t);
        }
        seen.add(name);
      }
    }
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, t]) => ({ name, share: t / total }));
  return { self: rank(self), inclusive: rank(inclusive) };
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const path = url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/(node_modules\/)/, '$1')
    .replace(/^.*\/dist\//, '');
  return `${functionName || '(anonymous)'} ${path || '(native)'}:${lineNumber + 1}`;
}
