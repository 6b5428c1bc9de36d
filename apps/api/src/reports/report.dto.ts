import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsIP, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { REPORT_CHANNELS, ReportChannel, VERDICTS } from '@phonetrust/reporting';
import { REPORT_CATEGORIES, ReportCategory } from '@phonetrust/scoring';
import { IsReporterId, MAX_REPORTER_ID_LENGTH } from '../common/validators/is-reporter-id';
import { IsCountryCode, IsPhoneInput } from '../common/validators/is-phone-input';
import { IsPastDateTime } from '../common/validators/is-past-date-time';
import { IsStoredText } from '../common/validators/stored-text';

export class EvidenceDto {
  @ApiProperty({ description: "The platform's id of the call, message or chat reported", maxLength: 128 })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  @Matches(/^[^\u0000-\u001f\u007f]+$/, { message: 'interactionId must not contain control characters' })
  interactionId: string;

  @ApiProperty({ description: 'The platform confirms the contact happened (weight × 1.5)' })
  @IsBoolean()
  attested: boolean;
}

export class ReporterContextDto {
  @ApiProperty({ minimum: 0, maximum: 36500 })
  @IsInt()
  @Min(0)
  @Max(36500)
  accountAgeDays: number;

  @ApiProperty()
  @IsBoolean()
  verifiedBuyer: boolean;
}

export class FileReportDto {
  @ApiProperty({ description: 'Any common format; E.164 recommended', example: '+8613800138000', maxLength: 32 })
  @IsPhoneInput()
  phoneNumber: string;

  @ApiPropertyOptional({ description: 'ISO 3166 alpha-2, for national formats', example: 'CN' })
  @IsOptional()
  @IsCountryCode()
  country?: string;

  @ApiProperty({ description: "The platform's opaque consumer id; stored only as an HMAC", maxLength: MAX_REPORTER_ID_LENGTH })
  @IsReporterId()
  reporterId: string;

  @ApiProperty({ enum: REPORT_CATEGORIES })
  @IsIn(REPORT_CATEGORIES)
  category: ReportCategory;

  @ApiPropertyOptional({ description: 'Stored verbatim, never interpreted', maxLength: 2000 })
  @IsOptional()
  @IsStoredText({ max: 2000 })
  description?: string;

  @ApiPropertyOptional({ enum: REPORT_CHANNELS })
  @IsOptional()
  @IsIn(REPORT_CHANNELS)
  channel?: ReportChannel;

  @ApiPropertyOptional({ format: 'date-time', description: 'When it happened; not in the future' })
  @IsOptional()
  @IsPastDateTime()
  occurredAt?: string;

  @ApiPropertyOptional({ type: EvidenceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto;

  @ApiPropertyOptional({ type: ReporterContextDto, description: 'Without it the reporter counts as an established account (assurance 0.7)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReporterContextDto)
  reporterContext?: ReporterContextDto;

  @ApiPropertyOptional({ description: "The consumer's IP address, for per-IP limits", example: '203.0.113.7' })
  @IsOptional()
  @IsIP()
  clientIp?: string;
}

export class ReportReceiptDto {
  @ApiProperty({ format: 'uuid', description: 'For a duplicate, the first report' }) id: string;
  @ApiProperty({ example: '+8613800138000' }) phoneNumber: string;
  @ApiProperty({ enum: REPORT_CATEGORIES }) category: ReportCategory;
  @ApiProperty({ description: 'false for a duplicate' }) counted: boolean;
  @ApiProperty() duplicate: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class VerdictDto {
  @ApiProperty({ enum: VERDICTS })
  @IsIn(VERDICTS)
  verdict: 'upheld' | 'rejected';

  @ApiProperty({ maxLength: 2000 })
  @IsStoredText({ min: 1, max: 2000, requireVisible: true })
  note: string;
}

class ReportEvidenceDto {
  @ApiPropertyOptional({ nullable: true, type: String }) interactionId: string | null;
  @ApiProperty() attested: boolean;
}

class ReportVerdictDto {
  @ApiProperty({ enum: VERDICTS }) verdict: 'upheld' | 'rejected';
  @ApiProperty() note: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: 'API key name of the analyst' }) by: string;
}

export class ReportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() phoneNumber: string;
  @ApiProperty({ enum: REPORT_CATEGORIES }) category: ReportCategory;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Verbatim, as the reporter wrote it: escape before display' }) description: string | null;
  @ApiPropertyOptional({ nullable: true, enum: REPORT_CHANNELS }) channel: ReportChannel | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) occurredAt: string | null;
  @ApiProperty({ type: ReportEvidenceDto }) evidence: ReportEvidenceDto;
  @ApiPropertyOptional({ nullable: true, type: ReporterContextDto }) reporterContext: ReporterContextDto | null;
  @ApiProperty({ description: "Same for every report of one reporter (a prefix of the id's HMAC), not the id" }) reporterRef: string;
  @ApiProperty() assurance: number;
  @ApiProperty({ description: "The reporter's trust when the report was counted" }) trust: number;
  @ApiProperty({ description: 'w = min(2, trust × severity × evidence)' }) weight: number;
  @ApiPropertyOptional({ nullable: true, type: ReportVerdictDto }) verdict: ReportVerdictDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ReportPageDto {
  @ApiProperty({ type: [ReportDto] }) items: ReportDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
