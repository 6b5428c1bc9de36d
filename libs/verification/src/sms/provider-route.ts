/**
 * The outbox `route` of an SMS encodes where its next attempt goes: provider index × tries-per-provider + try.
 * A failure moves one step: the next try on the same provider, then the first try on the next provider.
 */
export function routeTarget(route: number, triesPerProvider: number): { provider: number; attempt: number } {
  return { provider: Math.floor(route / triesPerProvider), attempt: route % triesPerProvider };
}

/** The route after a failure, or null when every provider has had all its tries. */
export function routeAfterFailure(route: number, triesPerProvider: number, providerCount: number, retryable = true): number | null {
  const next = retryable ? route + 1 : (Math.floor(route / triesPerProvider) + 1) * triesPerProvider;
  return Math.floor(next / triesPerProvider) < providerCount ? next : null;
}
