import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../auth/role';
import { decodeCursor, Page, toPage } from '../http/cursor';
import { AuditEntryEntity } from './audit-entry.entity';

/** Who did it: an API key (by name), or the service itself. */
export type Actor = Principal | 'system';

export interface AuditRecord {
  actor: Actor;
  action: string;
  phoneNumber?: string | null;
  subjectType?: string;
  subjectId?: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actor: string;
  action: string;
  phoneNumber: string | null;
  subjectType: string | null;
  subjectId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** A number's trail in time order, optionally bounded in time — except for the entries about `subject`. */
export interface AuditTrailQuery {
  phoneNumber: string;
  /** A Date, or an ISO string when microseconds matter (a Date drops them). */
  from?: Date | string;
  /** Entries of the number after this moment are left out (those about `subject` are not). */
  until?: Date | string | null;
  subject?: { type: string; id: string };
  /** Only these actions. */
  actions?: readonly string[];
  limit: number;
}

export interface AuditQuery {
  phoneNumber?: string;
  actor?: string;
  since?: Date;
  limit: number;
  cursor?: string;
}

export function actorName(actor: Actor): string {
  return actor === 'system' ? 'system' : actor.name;
}

/** The append-only audit trail: every state change, verdict, key change and decision. */
@Injectable()
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends inside the caller's transaction, so the entry exists exactly when the change does. */
  async append(manager: EntityManager, record: AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO audit_entries (actor, actor_key_id, action, phone_number, subject_type, subject_id, before, after, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        actorName(record.actor),
        record.actor === 'system' ? null : record.actor.keyId,
        record.action,
        record.phoneNumber ?? null,
        record.subjectType ?? null,
        record.subjectId ?? null,
        record.before === undefined ? null : JSON.stringify(record.before),
        record.after === undefined ? null : JSON.stringify(record.after),
        record.reason ?? null,
      ],
    );
  }

  /**
   * Oldest first, at most `limit` entries (the most recent ones when there are more): a case's history, or the
   * moments a number was reinstated. Reads through the caller's manager; served by the (phone_number, at) index.
   */
  async trail(manager: EntityManager, query: AuditTrailQuery): Promise<AuditEntryView[]> {
    const params: unknown[] = [query.phoneNumber];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = ['phone_number = $1'];
    if (query.from) where.push(`at >= ${param(query.from)}::timestamptz`);
    if (query.actions) where.push(`action = ANY(${param(query.actions)})`);
    if (query.until) {
      const subject = query.subject ? ` OR (subject_type = ${param(query.subject.type)} AND subject_id = ${param(query.subject.id)})` : '';
      where.push(`(at <= ${param(query.until)}::timestamptz${subject})`);
    }
    const rows = await manager.query(
      `SELECT * FROM (
         SELECT id, at AS sort_at, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor, action,
                phone_number AS "phoneNumber", subject_type AS "subjectType", subject_id AS "subjectId", before, after, reason
           FROM audit_entries
          WHERE ${where.join(' AND ')}
          ORDER BY sort_at DESC, id DESC
          LIMIT ${param(query.limit)}
       ) recent ORDER BY sort_at, id`,
      params,
    );
    return (rows as (AuditEntryView & { sort_at?: unknown })[]).map(({ sort_at: _sortAt, ...entry }) => entry);
  }

  /** Newest first. */
  async list(query: AuditQuery): Promise<Page<AuditEntryView>> {
    const after = decodeCursor(query.cursor, { at: 'timestamp', id: 'uuid' });
    const params: unknown[] = [];
    const where: string[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.phoneNumber) where.push(`phone_number = ${param(query.phoneNumber)}`);
    if (query.actor) where.push(`actor = ${param(query.actor)}`);
    if (query.since) where.push(`at >= ${param(query.since)}`);
    if (after) where.push(`(at, id) < (${param(after.at)}::timestamptz, ${param(after.id)}::uuid)`);
    const rows = await this.dataSource.query(
      `SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor, action,
              phone_number AS "phoneNumber", subject_type AS "subjectType", subject_id AS "subjectId",
              before, after, reason
         FROM audit_entries
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY at DESC, id DESC
        LIMIT ${param(query.limit + 1)}`,
      params,
    );
    return toPage<AuditEntryView, AuditEntryView>(rows, query.limit, (row) => row, (row) => ({ at: row.at, id: row.id }));
  }
}
