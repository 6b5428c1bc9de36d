import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, IdParamPipe, Principal, Roles } from '@phonetrust/platform';
import { CancelVerificationService, CheckCodeService, ResendCodeService, StartVerificationService } from '@phonetrust/verification';
import { VERIFICATION_ROLES } from './check-fast-path';
import { CheckCodeDto, CheckResultDto, ResendCodeDto, StartVerificationDto, VerificationDto } from './verification.dto';

@ApiTags('verifications')
@ApiBearerAuth()
@Roles(...VERIFICATION_ROLES)
@Controller('v1/verifications')
export class VerificationsController {
  constructor(
    private readonly starter: StartVerificationService,
    private readonly checker: CheckCodeService,
    private readonly resender: ResendCodeService,
    private readonly canceler: CancelVerificationService,
  ) {}

  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key and body get the first response' })
  @ApiCreatedResponse({ type: VerificationDto, description: 'A code was sent' })
  @ApiOkResponse({ type: VerificationDto, description: 'A verification was pending: its code was sent again' })
  async start(
    @CurrentPrincipal() caller: Principal,
    @Body() body: StartVerificationDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VerificationDto> {
    const response = await this.starter.start(caller, body, idempotencyKey);
    reply.status(response.statusCode);
    return response.body;
  }

  /** Usually answered by `installCheckFastPath`, which checks the same way; this handles what it passes on. */
  @Post(':id/check')
  @HttpCode(200)
  @ApiOkResponse({ type: CheckResultDto })
  check(@CurrentPrincipal() caller: Principal, @Param('id', IdParamPipe) id: string, @Body() body: CheckCodeDto): Promise<CheckResultDto> {
    return this.checker.check(caller, id, body.code);
  }

  @Post(':id/resend')
  @HttpCode(200)
  @ApiOkResponse({ type: VerificationDto })
  resend(@Param('id', IdParamPipe) id: string, @Body() body: ResendCodeDto): Promise<VerificationDto> {
    return this.resender.resend(id, body.channel);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: VerificationDto })
  cancel(@Param('id', IdParamPipe) id: string): Promise<VerificationDto> {
    return this.canceler.cancel(id);
  }

  @Get(':id')
  @ApiOkResponse({ type: VerificationDto })
  get(@Param('id', IdParamPipe) id: string): Promise<VerificationDto> {
    return this.canceler.get(id);
  }
}
