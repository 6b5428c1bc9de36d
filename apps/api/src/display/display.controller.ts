import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { DISPLAY_REASONS, DisplayService, DisplayView } from '@phonetrust/display';
import { PlatformError, requireE164, Roles } from '@phonetrust/platform';
import { parsePhone } from '@phonetrust/phone';
import { IsCountryCode } from '../common/validators';
import { DISPLAY_BATCH_MAX, DISPLAY_ROLES } from './display-fast-path';

class DisplayDto {
  @ApiProperty({ example: '+8613800138000' }) phoneNumber: string;
  @ApiProperty() displayable: boolean;
  @ApiProperty({ enum: DISPLAY_REASONS }) reason: string;
  @ApiPropertyOptional({ description: 'The verified owner, when displayable' }) merchantId?: string;
}

class DisplayBatchDto {
  @ApiProperty({ type: [String], maxItems: DISPLAY_BATCH_MAX, example: ['+8613800138000', '+14155552671'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DISPLAY_BATCH_MAX)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  phoneNumbers: string[];

  @ApiPropertyOptional({ description: 'ISO 3166 alpha-2, for numbers given in national format' })
  @IsOptional()
  @IsCountryCode()
  country?: string;
}

class DisplayBatchResultDto {
  @ApiProperty({ type: [DisplayDto] }) items: DisplayDto[];
}

/** The shop-page check: may this number be shown? */
@ApiTags('display')
@ApiBearerAuth()
@Roles(...DISPLAY_ROLES)
@Controller('v1/numbers')
export class DisplayController {
  constructor(private readonly display: DisplayService) {}

  @Get(':phoneNumber/display')
  @ApiOkResponse({ type: DisplayDto })
  async check(@Param('phoneNumber') phoneNumber: string): Promise<DisplayView> {
    // Hot path: a cached E.164 number is answered without parsing (only valid numbers are ever cached). Most
    // cached answers never get here: see display-fast-path.ts.
    return this.display.peek(phoneNumber) ?? this.display.check(requireE164(phoneNumber));
  }

  @Post('display')
  @HttpCode(200)
  @ApiOkResponse({ type: DisplayBatchResultDto, description: 'One item per number, in the order given' })
  async checkMany(@Body() body: DisplayBatchDto): Promise<DisplayBatchResultDto> {
    const errors: { field: string; message: string }[] = [];
    const numbers = body.phoneNumbers.map((input, i) => {
      const cached = this.display.peek(input);
      if (cached) return input;
      const parsed = parsePhone(input, body.country);
      if (!parsed.ok) errors.push({ field: `phoneNumbers[${i}]`, message: parsed.reason });
      return parsed.ok ? parsed.number.e164 : '';
    });
    if (errors.length > 0) {
      throw new PlatformError('invalid_phone_number', `${errors.length} of the numbers are not valid phone numbers`, { errors });
    }
    return { items: await this.display.checkMany(numbers) };
  }
}
