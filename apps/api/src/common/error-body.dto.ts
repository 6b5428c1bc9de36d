import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldErrorDto {
  @ApiProperty({ example: 'phoneNumber' })
  field: string;

  @ApiProperty()
  message: string;
}

/** The error body of SPEC §2, for the OpenAPI document. */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'validation_failed' })
  code: string;

  @ApiProperty()
  message: string;

  @ApiProperty()
  requestId: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
