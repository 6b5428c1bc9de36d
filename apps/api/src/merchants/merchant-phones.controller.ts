import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, requireE164, Roles } from '@phonetrust/platform';
import { MerchantPhonesService } from '@phonetrust/verification';
import { ListQueryDto } from '../common/list-query.dto';
import { MerchantIdPipe } from '../common/validators';

class MerchantPhoneDto {
  @ApiProperty({ example: '+8613800138000' }) phoneNumber: string;
  @ApiProperty({ example: '+86 138****8000' }) maskedNumber: string;
  @ApiProperty({ enum: ['verified', 'expired', 'revoked', 'restricted', 'suspended'] }) status: string;
  @ApiProperty({ format: 'date-time' }) verifiedAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ description: 'May the shop page show it now' }) displayable: boolean;
}

class MerchantPhonePageDto {
  @ApiProperty({ type: [MerchantPhoneDto] }) items: MerchantPhoneDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

@ApiTags('merchants')
@ApiBearerAuth()
@Roles('platform')
@Controller('v1/merchants/:merchantId/phones')
export class MerchantPhonesController {
  constructor(private readonly phones: MerchantPhonesService) {}

  @Get()
  @ApiOkResponse({ type: MerchantPhonePageDto })
  list(@Param('merchantId', MerchantIdPipe) merchantId: string, @Query() query: ListQueryDto): Promise<MerchantPhonePageDto> {
    return this.phones.list(merchantId, query.limit ?? 100, query.cursor);
  }

  @Delete(':phoneNumber')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The binding ended; the platform gets a phone.revoked event' })
  async remove(
    @CurrentPrincipal() caller: Principal,
    @Param('merchantId', MerchantIdPipe) merchantId: string,
    @Param('phoneNumber') phoneNumber: string,
  ): Promise<void> {
    await this.phones.remove(caller, merchantId, requireE164(phoneNumber).e164);
  }
}
