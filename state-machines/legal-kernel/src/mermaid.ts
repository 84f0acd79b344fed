import type { AnyStateMachine } from 'xstate';

/**
 * The state chart of any XState v5 machine as Mermaid `stateDiagram-v2` text, for the docs and the
 * API's "show me the lifecycle" page. Pure: it walks `machine.root` (the state-node tree) only.
 *
 * - compound states become `state X { ... }` blocks with their `[*] --> initial` arrow;
 * - parallel states become blocks whose regions are separated by `--` (Mermaid concurrency);
 * - final states get an `X --> [*]` arrow;
 * - transitions are labelled `EVENT [guard]`; eventless ones `always`, delayed ones `after <delay>`;
 * - ids are built from the full state path, so two states with the same key in different regions
 *   (`refused` in the case and in the APS region) do not collide; the label stays the key.
 */
export interface MermaidOptions {
  /** Show the guard name in brackets after the event (default true). */
  readonly guards?: boolean;
  /** Show targetless transitions (they update context only) as self-loops (default false). */
  readonly targetless?: boolean;
  /** Diagram direction (`TB` by default). */
  readonly direction?: 'TB' | 'LR';
}

/** The part of XState's `StateNode` this helper reads (kept structural so any machine fits). */
interface ChartNode {
  readonly key: string;
  readonly path: readonly string[];
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  readonly states: Record<string, ChartNode>;
  readonly config: { readonly initial?: unknown };
  readonly initial?: { readonly target: readonly ChartNode[] };
  readonly transitions: Map<string, readonly ChartTransition[]>;
  readonly always?: readonly ChartTransition[];
  readonly description?: string;
}

interface ChartTransition {
  readonly eventType: string;
  readonly target?: readonly ChartNode[] | undefined;
  readonly guard?: unknown;
  readonly delay?: unknown;
}

interface Edge {
  readonly from: ChartNode;
  readonly to: ChartNode;
  readonly label: string;
}

export function toMermaid(machine: AnyStateMachine, options: MermaidOptions = {}): string {
  const root = machine.root as unknown as ChartNode;
  const showGuards = options.guards ?? true;
  const edgesByBlock = new Map<string, Edge[]>();
  collectEdges(root, showGuards, options.targetless ?? false, edgesByBlock);

  const lines = ['stateDiagram-v2'];
  if (options.direction) lines.push(`  direction ${options.direction}`);
  lines.push(...renderChildren(root, 1, edgesByBlock));
  return `${lines.join('\n')}\n`;
}

function nodeId(node: ChartNode): string {
  const raw = node.path.length === 0 ? 'root' : node.path.join('__');
  return raw.replace(/[^A-Za-z0-9_]/g, '_');
}

function blockKey(path: readonly string[]): string {
  return path.join('.');
}

function renderChildren(node: ChartNode, depth: number, edgesByBlock: Map<string, Edge[]>): string[] {
  const pad = '  '.repeat(depth);
  const children = Object.values(node.states);
  const lines: string[] = [];

  if (node.type === 'parallel') {
    children.forEach((region, index) => {
      if (index > 0) lines.push(`${pad}--`);
      lines.push(...renderState(region, depth, edgesByBlock));
    });
  } else {
    if (node.type === 'compound') {
      for (const target of node.initial?.target ?? []) {
        if (target.path.length === node.path.length + 1) lines.push(`${pad}[*] --> ${nodeId(target)}`);
      }
    }
    for (const child of children) lines.push(...renderState(child, depth, edgesByBlock));
  }

  for (const edge of edgesByBlock.get(blockKey(node.path)) ?? []) {
    lines.push(`${pad}${nodeId(edge.from)} --> ${nodeId(edge.to)}${edge.label ? `: ${edge.label}` : ''}`);
  }
  return lines;
}

function renderState(node: ChartNode, depth: number, edgesByBlock: Map<string, Edge[]>): string[] {
  const pad = '  '.repeat(depth);
  const id = nodeId(node);
  const lines: string[] = [];
  if (node.type === 'compound' || node.type === 'parallel') {
    lines.push(`${pad}state "${node.key}" as ${id} {`);
    lines.push(...renderChildren(node, depth + 1, edgesByBlock));
    lines.push(`${pad}}`);
  } else {
    const suffix = node.type === 'history' ? ' (history)' : '';
    lines.push(`${pad}state "${node.key}${suffix}" as ${id}`);
  }
  if (node.description) lines.push(`${pad}note right of ${id} : ${node.description.replace(/\n/g, ' ')}`);
  if (node.type === 'final') lines.push(`${pad}${id} --> [*]`);
  return lines;
}

function collectEdges(
  node: ChartNode,
  showGuards: boolean,
  showTargetless: boolean,
  edgesByBlock: Map<string, Edge[]>,
): void {
  const transitions: ChartTransition[] = [];
  for (const list of node.transitions.values()) transitions.push(...list);
  for (const always of node.always ?? []) transitions.push({ ...always, eventType: '' });

  for (const transition of transitions) {
    const label = transitionLabel(transition, showGuards);
    const targets =
      transition.target && transition.target.length > 0 ? transition.target : showTargetless ? [node] : [];
    for (const target of targets) {
      const block = blockKey(commonAncestorPath(node.path, target.path));
      const list = edgesByBlock.get(block) ?? [];
      list.push({ from: node, to: target, label });
      edgesByBlock.set(block, list);
    }
  }
  for (const child of Object.values(node.states))
    collectEdges(child, showGuards, showTargetless, edgesByBlock);
}

/** The path of the block both ends can be drawn in: the deepest common proper ancestor. */
function commonAncestorPath(a: readonly string[], b: readonly string[]): readonly string[] {
  const max = Math.min(a.length, b.length) - 1;
  let i = 0;
  while (i < max && a[i] === b[i]) i += 1;
  return a.slice(0, i);
}

function transitionLabel(transition: ChartTransition, showGuards: boolean): string {
  let event = transition.eventType;
  if (event === '') event = 'always';
  else if (event.startsWith('xstate.after.'))
    event = `after ${String(transition.delay ?? event.split('.')[2])}`;
  const guard = showGuards ? guardName(transition.guard) : undefined;
  return guard ? `${event} [${guard}]` : event;
}

function guardName(guard: unknown): string | undefined {
  if (guard === undefined || guard === null) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return guard.name && guard.name !== 'guard' ? guard.name : 'inline guard';
  if (typeof guard === 'object' && 'type' in guard) return String((guard as { type: unknown }).type);
  return 'guard';
}
