import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, requireE164, Roles } from '@phonetrust/platform';
import { FileAppeal } from '@phonetrust/review';
import { ErrorBodyDto } from '../common/error-body.dto';
import { MerchantIdPipe } from '../common/validators';
import { IsStoredText } from '../common/validators/stored-text';

class AppealBodyDto {
  @ApiProperty({ maxLength: 2000, description: "The merchant's case, kept verbatim for the analyst" })
  @IsStoredText({ min: 1, max: 2000, requireVisible: true })
  statement: string;
}

class AppealReceiptDto {
  @ApiProperty({ format: 'uuid', description: 'The case the appeal joined or opened' }) caseId: string;
}

@ApiTags('merchants')
@ApiBearerAuth()
@Roles('platform')
@Controller('v1/merchants/:merchantId/phones')
export class PhoneAppealsController {
  constructor(private readonly fileAppeal: FileAppeal) {}

  @Post(':phoneNumber/appeal')
  @ApiCreatedResponse({ type: AppealReceiptDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'not_found: the number is not bound to this merchant' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'number_not_restricted (neither restricted nor suspended); appeal_already_open' })
  appeal(
    @CurrentPrincipal() caller: Principal,
    @Param('merchantId', MerchantIdPipe) merchantId: string,
    @Param('phoneNumber') phoneNumber: string,
    @Body() body: AppealBodyDto,
  ): Promise<AppealReceiptDto> {
    return this.fileAppeal.appeal(caller, merchantId, requireE164(phoneNumber), body.statement);
  }
}
