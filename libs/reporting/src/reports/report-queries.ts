import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, notFound, Page, toPage } from '@phonetrust/platform';
import { ReportCategory } from '@phonetrust/scoring';
import { reporterRef } from '../reporters/reporter-ids';
import { ReportRepository } from './report.repository';
import { ReportView, toReportView } from './report-view';

/** A report as a score replay needs it: when it counted, with what weight, and when it was rejected. */
export interface ReportTimelineEntry {
  id: string;
  /** Groups one reporter's reports (see reporterRef); never the reporter id. */
  reporterRef: string;
  category: ReportCategory;
  assurance: number;
  trust: number;
  weight: number;
  createdAt: Date;
  rejectedAt: Date | null;
}

@Injectable()
export class ReportQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportRepository,
  ) {}

  async getReport(id: string): Promise<ReportView> {
    const row = await this.reports.findReport(this.dataSource.manager, id);
    if (!row) throw notFound('report');
    return toReportView(row);
  }

  /** A number's reports, newest first. */
  async listForNumber(phoneNumber: string, limit: number, cursor?: string): Promise<Page<ReportView>> {
    const after = decodeCursor(cursor, { createdAt: 'timestamp', id: 'uuid' });
    const rows = await this.reports.listForNumber(this.dataSource.manager, phoneNumber, limit + 1, after);
    return toPage(rows, limit, toReportView, (row) => ({ createdAt: row.cursor_at, id: row.id }));
  }

  /** The ids among `ids` that name no report on the number (through the caller's manager: it may be in a transaction). */
  async notOnNumber(manager: EntityManager, phoneNumber: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const found = new Set(await this.reports.idsOnNumber(manager, phoneNumber, ids));
    return ids.filter((id) => !found.has(id));
  }

  /** Every report on the number, oldest first. */
  async timelineOf(phoneNumber: string): Promise<ReportTimelineEntry[]> {
    const rows = await this.reports.timelineOf(this.dataSource.manager, phoneNumber);
    return rows.map((row) => ({
      id: row.id,
      reporterRef: reporterRef(row.reporter_hash),
      category: row.category,
      assurance: row.assurance,
      trust: row.trust,
      weight: row.weight,
      createdAt: row.created_at,
      rejectedAt: row.verdict === 'rejected' ? row.verdict_at : null,
    }));
  }
}
