import { createHmac } from 'node:crypto';
import { DevSecrets } from '@phonetrust/platform';
import { ReportingConfig } from '../reporting.config';
import { ReporterIds, reporterRef } from './reporter-ids';

describe('ReporterIds', () => {
  const secret = 'reporter-sécret-0123456789abcdefghijkl';
  const ids = new ReporterIds({ reporterIdSecret: secret } as ReportingConfig, {} as DevSecrets);

  it('is HMAC-SHA256 of the id under REPORTER_ID_SECRET, both as UTF-8, so stored hashes still match', () => {
    for (const id of ['consumer-42', 'cönsumer-✓']) {
      expect(ids.hash(id)).toBe(createHmac('sha256', secret).update(id, 'utf8').digest('hex'));
    }
  });

  it('gives an analyst a 16-digit handle of the hash, never the id', () => {
    expect(reporterRef(ids.hash('consumer-42'))).toBe(ids.hash('consumer-42').slice(0, 16));
  });
});
