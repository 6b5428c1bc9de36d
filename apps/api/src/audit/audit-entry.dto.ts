import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() actor: string;
  @ApiProperty({ example: 'number.state_changed' }) action: string;
  @ApiPropertyOptional({ nullable: true, type: String }) phoneNumber: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) subjectType: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) subjectId: string | null;
  @ApiPropertyOptional({ nullable: true, type: Object }) before: unknown;
  @ApiPropertyOptional({ nullable: true, type: Object }) after: unknown;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
}
