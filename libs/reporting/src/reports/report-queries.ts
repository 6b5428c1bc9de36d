import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, notFound, Page, toPage } from '@phonetrust/platform';
import { ReportRepository } from './report.repository';
import { ReportView, toReportView } from './report-view';

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
}
