import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsIP, IsOptional } from 'class-validator';
import { Channel, CHANNELS, SUPPORTED_LOCALES } from '@phonetrust/verification';
import { IsCountryCode, IsLocale, IsMerchantId, IsOtpCode, IsPhoneInput } from '../common/validators';

const STATUSES = ['pending', 'approved', 'failed', 'canceled', 'expired'];

export class StartVerificationDto {
  @ApiProperty({ example: 'merchant-42', description: "The platform's merchant id" })
  @IsMerchantId()
  merchantId: string;

  @ApiProperty({ example: '+86 138 0013 8000', description: 'Any common format, ≤ 32 characters' })
  @IsPhoneInput()
  phoneNumber: string;

  @ApiPropertyOptional({ example: 'CN', description: 'ISO 3166 alpha-2, for national formats' })
  @IsOptional()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ enum: CHANNELS, default: 'sms' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ example: 'zh-CN', description: `Message language; supported: ${SUPPORTED_LOCALES.join(', ')}; others fall back` })
  @IsOptional()
  @IsLocale()
  locale?: string;

  @ApiPropertyOptional({ example: '203.0.113.7', description: "The end user's IP, for the per-IP limit" })
  @IsOptional()
  @IsIP()
  clientIp?: string;
}

export class CheckCodeDto {
  @ApiProperty({ example: '123456', description: '4–10 digits, as a string' })
  @IsOtpCode()
  code: string;
}

export class ResendCodeDto {
  @ApiPropertyOptional({ enum: CHANNELS, description: 'Send by another channel this time (e.g. voice)' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;
}

export class VerificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() merchantId: string;
  @ApiProperty({ example: '+8613800138000' }) phoneNumber: string;
  @ApiProperty({ example: '+86 138****8000' }) maskedNumber: string;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty() sendCount: number;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) nextResendAt: string | null;
  @ApiProperty() attemptsRemaining: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) approvedAt: string | null;
}

export class CheckResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty() valid: boolean;
  @ApiProperty() attemptsRemaining: number;
}
