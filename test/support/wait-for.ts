/** Polls a condition until it holds; fails with `what` after the timeout. For asynchronous effects only. */
export async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 15000, what = 'condition'): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (await condition()) return;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
