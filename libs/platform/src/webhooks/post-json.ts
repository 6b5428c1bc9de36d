import { signWebhook, SIGNATURE_HEADER } from './webhook-signature';

export interface PostResult {
  readonly ok: boolean;
  readonly status: number | null;
  /** Why it failed: HTTP status, timeout, connection error. */
  readonly error?: string;
  readonly body?: string;
}

/**
 * POSTs JSON with a hard timeout covering connect, headers and body. Never throws: the outcome says what
 * happened, so outbox handlers can decide between retry and failover.
 */
export async function postJson(
  url: string,
  body: unknown,
  options: { timeoutMs: number; secret?: string; headers?: Record<string, string> },
): Promise<PostResult> {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'PhoneTrust/1', ...(options.headers ?? {}) };
  if (options.secret) headers[SIGNATURE_HEADER] = signWebhook(options.secret, raw, Math.floor(Date.now() / 1000));
  return send(url, { method: 'POST', headers, body: raw }, options.timeoutMs);
}

/** The same for any request (form-encoded provider APIs): bounded in time, never throws. */
export async function send(url: string, init: RequestInit, timeoutMs: number): Promise<PostResult> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    const text = await response.text();
    if (response.ok) return { ok: true, status: response.status, body: text };
    return { ok: false, status: response.status, error: `HTTP ${response.status}`, body: text.slice(0, 500) };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    const reason = e.name === 'TimeoutError' || e.name === 'AbortError' ? `timed out after ${timeoutMs} ms` : (e.cause?.code ?? e.message);
    return { ok: false, status: null, error: reason };
  }
}
