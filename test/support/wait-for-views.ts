import { devTokens } from './dev-tokens';

/**
 * Waits until every read view of the API has handled the last event of the store (as `/health`
 * reports them to an operator), so that a read of a view follows the commands before it. Fails
 * after 30 s. `dataDir` is the API's DATA_DIR (its development signing key mints the auditor token).
 */
export async function waitForViews(baseUrl: string, dataDir: string): Promise<void> {
  const auditor = await devTokens(dataDir)('auditor');
  const deadline = Date.now() + 30_000;
  for (;;) {
    const health = (await (
      await fetch(`${baseUrl}/health`, { headers: { authorization: `Bearer ${auditor}` } })
    ).json()) as {
      store: { details: { lastGlobalPosition?: string } };
      projections: { position: string; caughtUp: boolean }[];
    };
    const last = health.store.details.lastGlobalPosition;
    if (health.projections.length > 0 && health.projections.every((p) => p.caughtUp && p.position === last))
      return;
    if (Date.now() > deadline) throw new Error(`the read views did not catch up: ${JSON.stringify(health)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
