import { HttpClient } from '../support/http-client';
import { newReporterId, trustedAttestedScam } from '../support/report-factory';

/** Files `count` reports of the strongest kind (w = 2.0 each, distinct trusted reporters) on a number. */
export async function reportStrongly(platform: HttpClient, phone: string, count: number, description?: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const body = { ...trustedAttestedScam(phone, newReporterId('review')), ...(description === undefined ? {} : { description }) };
    const res = await platform.post('/v1/reports', body);
    if (res.status !== 201) throw new Error(`report failed: ${res.status} ${res.text}`);
    ids.push(res.body.id);
  }
  return ids;
}

/** The number's open case id (from the analyst view of the number). */
export async function openCaseOf(analyst: HttpClient, phone: string): Promise<string> {
  const res = await analyst.get(`/v1/numbers/${encodeURIComponent(phone)}`);
  if (!res.body.openCaseId) throw new Error(`${phone} has no open case: ${res.text}`);
  return res.body.openCaseId;
}
