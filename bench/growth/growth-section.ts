import { Goal } from '../harness/goals';
export async function runGrowth(_o: unknown, _t: string): Promise<Goal[]> {
  throw new Error('todo');
}
