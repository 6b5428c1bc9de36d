import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import {
  Idempotency,
  LimitRule,
  MetricsRegistry,
  NormalizedPhone,
  PlatformError,
  Principal,
  rateLimited,
  RateLimiter,
  requirePhone,
  StoredResponse,
  TransactionalCharge,
} from '@phonetrust/platform';
import { isLowAssurance, isLowTrust, SCORE_POLICY, ScoreLedger, ScorePolicy } from '@phonetrust/scoring';
import { quotaRefusal, ReporterQuotas } from '../reporters/reporter-quota';
import { ReporterIds } from '../reporters/reporter-ids';
import { ReporterRepository } from '../reporters/reporter.repository';
import { reportingConfig, ReportingConfig } from '../reporting.config';
import { FileReportInput } from './report-input';
import { ReportReceipt } from './report-view';
import { ReportRepository } from './report.repository';
import { weighReport } from './weigh-report';

export const FILE_REPORT_ROUTE = 'POST /v1/reports';

/**
 * POST /v1/reports (SPEC §5): one transaction records the report and moves the number's score and state —
 * a fixed set of rows, whatever the number's history. A repeat by the same reporter inside the dedupe window is
 * answered with the first report and counts for nothing; the decision is taken under the reporter×number row
 * lock, so concurrent duplicates (in any process) count once.
 */
@Injectable()
export class FileReport {
  private readonly filed: Counter<'outcome'>;
  private readonly quotas: ReporterQuotas;

  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: Idempotency,
    private readonly limiter: RateLimiter,
    private readonly reporterIds: ReporterIds,
    private readonly reporters: ReporterRepository,
    private readonly reports: ReportRepository,
    private readonly ledger: ScoreLedger,
    @Inject(reportingConfig.KEY) private readonly config: ReportingConfig,
    @Inject(SCORE_POLICY) private readonly policy: ScorePolicy,
    metrics: MetricsRegistry,
  ) {
    this.quotas = { perMinute: config.limits.reporterPerMinute, perDay: config.limits.reporterPerDay };
    this.filed = metrics.counter({ name: 'phonetrust_reports_total', help: 'Reports filed, by outcome (counted, duplicate)', labelNames: ['outcome'] });
  }

  async file(caller: Principal, input: FileReportInput, idempotencyKey: string | string[] | undefined): Promise<StoredResponse<ReportReceipt>> {
    const phone = requirePhone(input.phoneNumber, input.country);
    const claim = this.idempotency.claimFor(idempotencyKey, FILE_REPORT_ROUTE, caller.keyId, input);
    const replayed = await this.idempotency.replay<ReportReceipt>(claim);
    if (replayed) return replayed;

    const reporterHash = this.reporterIds.hash(input.reporterId);
    // The reporter's quotas are counted on the reporter's row, in the transaction. A client IP's limit is a shared
    // counter: on PostgreSQL it is charged in the transaction's first statement too, and a refusal rolls it back with
    // the rest; on Redis it is charged before, and given back when the reporter's quota refuses the report.
    const ipLimits = this.ipLimits(input.clientIp);
    const charge = ipLimits.length > 0 ? this.limiter.chargeInTransaction(ipLimits) : null;
    const chargedBefore = ipLimits.length > 0 && !charge;
    if (chargedBefore) await this.limiter.consume(ipLimits);

    let response: StoredResponse<ReportReceipt>;
    try {
      response = await this.dataSource.transaction(async (tx) => {
        const prior = await this.idempotency.begin<ReportReceipt>(tx, claim);
        if (prior) return prior;
        // Without an Idempotency-Key, nothing is written after the report: its COMMIT can go with it.
        const result = await this.record(tx, phone, reporterHash, input, charge, claim === undefined);
        await this.idempotency.complete(tx, claim, result);
        return result;
      });
    } catch (error) {
      // Inside the transaction only the reporter's quota refuses (the IP's limit was charged before it).
      if (chargedBefore && error instanceof PlatformError && error.code === 'rate_limited') await this.limiter.refund(ipLimits);
      throw error;
    }
    this.filed.inc({ outcome: response.body.duplicate ? 'duplicate' : 'counted' });
    return response;
  }

  private async record(
    tx: EntityManager,
    phone: NormalizedPhone,
    reporterHash: string,
    input: FileReportInput,
    charge: TransactionalCharge | null,
    last: boolean,
  ): Promise<StoredResponse<ReportReceipt>> {
    // One round trip locks the reporter, the reporter's contribution to the number and the number, in that order,
    // counts the report in the reporter's quotas and charges the client IP's limit.
    const locked = await this.ledger.lockReporter(tx, phone.e164, reporterHash, {
      first: this.reporters.lockStatement(reporterHash),
      alongside: charge?.statement,
    });
    const wait = quotaRefusal(this.reporters.quotaFrom(locked.first), this.quotas);
    if (wait !== null) throw rateLimited('reporter', wait);
    charge?.settle(locked.alongside);
    const reporter = this.reporters.fromLocked(locked.first);

    const window = this.config.dedupeWindowSeconds;
    if (locked.lastCountedReportId && locked.lastCountedAt !== null && locked.now - locked.lastCountedAt < window) {
      const first = await this.reports.findReport(tx, locked.lastCountedReportId);
      return {
        statusCode: 200,
        body: { id: first!.id, phoneNumber: phone.e164, category: first!.category, counted: false, duplicate: true, createdAt: first!.created_at.toISOString() },
      };
    }

    const row = weighReport(phone.e164, reporterHash, input, reporter, this.policy);
    const id = randomUUID();
    const report = await this.ledger.countReport<{ id: string; created_at: Date }>(tx, {
      phoneNumber: phone.e164,
      reporterHash,
      locked,
      report: {
        id,
        weight: row.weight,
        category: input.category,
        lowAssurance: isLowAssurance(row.assurance, this.policy),
        lowTrust: isLowTrust(row.trust, this.policy),
      },
      attestedThreat: input.category === 'threat' && row.attested,
      insertReport: this.reports.insertStatement({ id, ...row }),
      last,
    });
    return {
      statusCode: 201,
      body: { id: report.id, phoneNumber: phone.e164, category: input.category, counted: true, duplicate: false, createdAt: report.created_at.toISOString() },
    };
  }

  private ipLimits(clientIp: string | undefined): LimitRule[] {
    if (!clientIp) return [];
    return [{ scope: 'ip', key: `report:${clientIp.toLowerCase()}`, points: this.config.limits.ipPerHour, durationSeconds: 3600 }];
  }
}
