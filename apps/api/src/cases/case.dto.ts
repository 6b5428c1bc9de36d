import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { VERDICTS } from '@phonetrust/reporting';
import { CASE_SORTS, CaseSort } from '@phonetrust/review';
import { CASE_DECISIONS, CaseDecision, CaseStatus, NUMBER_STATES, NumberState } from '@phonetrust/scoring';
import { AuditEntryDto } from '../audit/audit-entry.dto';
import { ListQueryDto } from '../common/list-query.dto';
import { IsAssignee, IsReportVerdicts, MAX_REPORT_VERDICTS } from '../common/validators';
import { IsStoredText } from '../common/validators/stored-text';
import { NumberDto, ScoreExplanationDto } from '../numbers/number.dto';
import { ReportDto } from '../reports/report.dto';

const CASE_STATUSES: readonly CaseStatus[] = ['open', 'resolved'];

export class CaseListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: CASE_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({
    enum: CASE_SORTS,
    default: 'priority',
    description: 'priority: most urgent first, then the longest waiting; oldest: the longest waiting first; newest: the latest opened first',
  })
  @IsOptional()
  @IsIn(CASE_SORTS)
  sort?: CaseSort;
}

export class AssignCaseDto {
  @ApiProperty({ nullable: true, type: String, maxLength: 128, description: 'Who works the case (e.g. an analyst key name); null unassigns' })
  @IsAssignee()
  assignee: string | null;
}

export class ResolveCaseDto {
  @ApiProperty({ enum: CASE_DECISIONS, description: 'dismiss closes the case and leaves the number as it is' })
  @IsIn(CASE_DECISIONS)
  decision: CaseDecision;

  @ApiProperty({ maxLength: 2000, description: 'Why; kept with the case, in the audit trail, and as the note of each verdict' })
  @IsStoredText({ min: 1, max: 2000, requireVisible: true })
  note: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...VERDICTS] },
    example: { '0b9c2f4e-5d1a-4c3b-9e8f-7a6b5c4d3e2f': 'rejected' },
    description: `Verdicts on reports of the case's number (at most ${MAX_REPORT_VERDICTS}), given in the same transaction`,
  })
  @IsOptional()
  @IsReportVerdicts()
  reportVerdicts?: Record<string, 'upheld' | 'rejected'>;
}

export class CaseSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '+8613800138000' }) phoneNumber: string;
  @ApiProperty({ example: '+86 138****8000' }) maskedNumber: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({ description: '1 review, 2 restricted, 3 suspended, +1 once appealed' }) priority: number;
  @ApiProperty({ example: 'score_threshold', description: 'score_threshold, attested_threat, analyst_decision or appeal' }) reason: string;
  @ApiProperty({ enum: NUMBER_STATES, description: "The number's state now" }) state: NumberState;
  @ApiPropertyOptional({ nullable: true, type: String }) assignee: string | null;
  @ApiProperty() appealed: boolean;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) resolvedAt: string | null;
  @ApiPropertyOptional({ nullable: true, enum: CASE_DECISIONS }) decision: CaseDecision | null;
}

class ResolutionDto {
  @ApiProperty({ enum: CASE_DECISIONS }) decision: CaseDecision;
  @ApiProperty() note: string;
  @ApiProperty({ description: 'API key name of the analyst' }) by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class CaseDto extends CaseSummaryDto {
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) assignedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) appealedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: ResolutionDto }) resolution: ResolutionDto | null;
}

class AppealDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() merchantId: string;
  @ApiProperty({ description: 'Verbatim, as the merchant wrote it: escape before display' }) statement: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: 'open' | 'closed';
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
}

export class CaseDetailDto extends CaseDto {
  @ApiProperty({ type: NumberDto, description: 'The number now, with its binding' }) number: NumberDto;
  @ApiPropertyOptional({ nullable: true, type: AppealDto }) appeal: AppealDto | null;
  @ApiProperty({ type: [ReportDto], description: 'The 20 newest reports on the number' }) recentReports: ReportDto[];
  @ApiProperty({ type: ScoreExplanationDto }) score: ScoreExplanationDto;
  @ApiProperty({ type: [AuditEntryDto], description: 'Audit entries of the number while the case was open, and of the case, oldest first' })
  history: AuditEntryDto[];
}

export class CasePageDto {
  @ApiProperty({ type: [CaseSummaryDto] }) items: CaseSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
