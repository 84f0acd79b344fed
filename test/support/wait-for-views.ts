/**
 * Waits until every read view of the API has handled the last event of the store (as `/health`
 * reports them), so that a read of a view follows the commands before it. Fails after 30 s.
 */
export async function waitForViews(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const health = (await (await fetch(`${baseUrl}/health`)).json()) as {
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
