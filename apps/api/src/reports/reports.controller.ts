import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, IdParamPipe, Principal, Roles } from '@phonetrust/platform';
import { FileReport, GiveVerdict, ReportQueries } from '@phonetrust/reporting';
import { ErrorBodyDto } from '../common/error-body.dto';
import { FileReportDto, ReportDto, ReportReceiptDto, VerdictDto } from './report.dto';
import { REPORT_ROLES } from './report-fast-path';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportsController {
  constructor(
    private readonly fileReport: FileReport,
    private readonly giveVerdict: GiveVerdict,
    private readonly queries: ReportQueries,
  ) {}

  /** Usually answered by `installReportFastPath`, which files the same way; this handles what it passes on. */
  @Post()
  @Roles(...REPORT_ROLES)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key and body gets the first response' })
  @ApiCreatedResponse({ type: ReportReceiptDto, description: 'Counted' })
  @ApiOkResponse({ type: ReportReceiptDto, description: 'A duplicate inside the dedupe window: the first report, not counted' })
  @ApiTooManyRequestsResponse({ type: ErrorBodyDto, description: 'rate_limited, with scope reporter or ip, and Retry-After' })
  async file(
    @CurrentPrincipal() caller: Principal,
    @Body() body: FileReportDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportReceiptDto> {
    const result = await this.fileReport.file(caller, body, idempotencyKey);
    reply.status(result.statusCode);
    return result.body;
  }

  @Get(':id')
  @Roles('analyst')
  @ApiOkResponse({ type: ReportDto })
  get(@Param('id', IdParamPipe) id: string): Promise<ReportDto> {
    return this.queries.getReport(id);
  }

  @Post(':id/verdict')
  @Roles('analyst')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'verdict_already_given' })
  verdict(@CurrentPrincipal() analyst: Principal, @Param('id', IdParamPipe) id: string, @Body() body: VerdictDto): Promise<ReportDto> {
    return this.giveVerdict.give(analyst, id, body.verdict, body.note);
  }
}
