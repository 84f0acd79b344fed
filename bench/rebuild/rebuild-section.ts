import { Goal } from '../harness/goals';
export async function runRebuild(_o: unknown, _t: string): Promise<Goal[]> {
  throw new Error('todo');
}
