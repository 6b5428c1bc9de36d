import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, MaxLength } from 'class-validator';
import { AuditLog, requireE164, Roles } from '@phonetrust/platform';
import { DEFAULT_PAGE_SIZE, ListQueryDto } from '../common/list-query.dto';
import { AuditEntryDto } from './audit-entry.dto';

class AuditQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'E.164' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phoneNumber?: string;

  @ApiPropertyOptional({ description: 'API key name, or "system"' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  since?: Date;
}

class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

@ApiTags('audit')
@ApiBearerAuth()
@Roles('analyst')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @ApiOkResponse({ type: AuditPageDto })
  list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list({
      phoneNumber: query.phoneNumber ? requireE164(query.phoneNumber).e164 : undefined,
      actor: query.actor,
      since: query.since,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: query.cursor,
    });
  }
}
