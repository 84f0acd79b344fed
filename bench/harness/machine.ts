import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, totalmem } from 'node:os';

export interface MachineFacts {
  readonly cpus: string;
  readonly memory: string;
  readonly disk: string;
  readonly node: string;
}

/** What the figures were measured on (nproc, memory, the filesystem holding `dir`, node). */
export function machineFacts(dir: string): MachineFacts {
  return {
    cpus: `${availableParallelism()} (${cpus()[0]?.model.trim() ?? 'unknown model'})`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    disk: describeFilesystem(dir),
    node: process.version,
  };
}

function describeFilesystem(dir: string): string {
  try {
    const out = execFileSync('df', ['-hT', dir], { encoding: 'utf8' }).trim().split('\n');
    const [source, type, size, , avail, , mount] = (out[1] ?? '').split(/\s+/);
    return `${dir} on ${source} (${type}, ${size}, ${avail} free, mounted on ${mount})`;
  } catch {
    return `${dir} (df unavailable)`;
  }
}
