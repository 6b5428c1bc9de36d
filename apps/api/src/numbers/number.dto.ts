import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NUMBER_STATES, NumberState, REPORT_CATEGORIES, ReportCategory } from '@phonetrust/scoring';
import { IsStoredText } from '../common/validators/stored-text';

export class NumberBindingDto {
  @ApiProperty() merchantId: string;
  @ApiProperty({ enum: ['verified', 'expired'] }) status: 'verified' | 'expired';
  @ApiProperty({ format: 'date-time' }) verifiedAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class NumberDto {
  @ApiProperty({ example: '+8613800138000' }) phoneNumber: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'CN' }) country: string | null;
  @ApiProperty({ example: 'mobile' }) numberType: string;
  @ApiProperty({ enum: NUMBER_STATES }) state: NumberState;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'HS = round(100 · (1 − 2^(−E/3))), now' }) score: number;
  @ApiProperty({ description: 'E, the decayed evidence mass, now' }) evidence: number;
  @ApiProperty({ description: 'D, reporters whose contribution is still live' }) distinctReporters: number;
  @ApiProperty({ description: 'Counted reports, ever (duplicates excluded)' }) reportCount: number;
  @ApiPropertyOptional({ nullable: true, type: NumberBindingDto, description: 'The current ownership binding, or null' }) binding: NumberBindingDto | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) openCaseId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'Null for a number never reported nor acted on' })
  updatedAt: string | null;
}

export class DecisionDto {
  @ApiProperty({ maxLength: 1000, description: 'Why; kept in the audit trail' })
  @IsStoredText({ min: 1, max: 1000, requireVisible: true })
  reason: string;
}

class EvidencePartsDto {
  @ApiProperty() normal: number;
  @ApiProperty({ description: 'Lowest-assurance reporters, before the cap' }) lowAssurance: number;
  @ApiProperty() lowAssuranceCap: number;
}

class CategoryContributionDto {
  @ApiProperty({ enum: REPORT_CATEGORIES }) category: ReportCategory;
  @ApiProperty() reporters: number;
  @ApiProperty() evidence: number;
}

class TopReportDto {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ enum: REPORT_CATEGORIES }) category: ReportCategory;
  @ApiProperty({ description: 'w when counted' }) weight: number;
  @ApiProperty({ description: 'What is left of it now' }) contribution: number;
  @ApiProperty() lowAssurance: boolean;
  @ApiProperty({ format: 'date-time' }) reportedAt: string;
}

class ThresholdDto {
  @ApiProperty({ enum: NUMBER_STATES }) state: NumberState;
  @ApiProperty() enterAtScore: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) minDistinctReporters: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) leavesBelowScore: number | null;
}

class FallsBelowDto {
  @ApiProperty() score: number;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'Null: below it already' }) at: string | null;
}

class StateChangeDto {
  @ApiProperty({ enum: NUMBER_STATES }) to: NumberState;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ScoreExplanationDto {
  @ApiProperty() phoneNumber: string;
  @ApiProperty({ enum: NUMBER_STATES }) state: NumberState;
  @ApiProperty() score: number;
  @ApiProperty() evidence: number;
  @ApiProperty() distinctReporters: number;
  @ApiProperty({ description: '≥ 10 reports in the last hour, half or more low-trust: automatic states stop at review' }) burst: boolean;
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty() halfLifeSeconds: number;
  @ApiProperty({ type: EvidencePartsDto }) evidenceParts: EvidencePartsDto;
  @ApiProperty({ type: [CategoryContributionDto] }) byCategory: CategoryContributionDto[];
  @ApiProperty({ type: [TopReportDto] }) topReports: TopReportDto[];
  @ApiProperty({ type: [ThresholdDto] }) thresholds: ThresholdDto[];
  @ApiProperty({ type: [FallsBelowDto] }) fallsBelow: FallsBelowDto[];
  @ApiPropertyOptional({ nullable: true, type: StateChangeDto }) nextStateChange: StateChangeDto | null;
}

class ScorePointDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) score: number;
  @ApiProperty() evidence: number;
  @ApiProperty() distinctReporters: number;
  @ApiPropertyOptional({ nullable: true, enum: ['report', 'withdraw', 'reinstate'], description: 'The point right after this event; null for a sample' })
  event: 'report' | 'withdraw' | 'reinstate' | null;
}

class StateHistoryDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: NUMBER_STATES }) from: NumberState;
  @ApiProperty({ enum: NUMBER_STATES }) to: NumberState;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'score_threshold' }) cause: string | null;
}

export class ScoreHistoryDto {
  @ApiProperty() phoneNumber: string;
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty() halfLifeSeconds: number;
  @ApiProperty({ type: [ScorePointDto], description: 'Oldest first: 121 samples from the first report to now, and a point before and after each event' })
  points: ScorePointDto[];
  @ApiProperty({ type: [StateHistoryDto], description: "The number's state changes, oldest first" }) states: StateHistoryDto[];
}
