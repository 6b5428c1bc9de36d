import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, NormalizedPhone, Principal, Roles } from '@phonetrust/platform';
import { ReportQueries } from '@phonetrust/reporting';
import { NumberDecisions, NumberOverview, ScoreHistory } from '@phonetrust/review';
import { AnalystDecision, NumberQueries } from '@phonetrust/scoring';
import { ErrorBodyDto } from '../common/error-body.dto';
import { DEFAULT_PAGE_SIZE, ListQueryDto } from '../common/list-query.dto';
import { ReportPageDto } from '../reports/report.dto';
import { DecisionDto, NumberDto, ScoreExplanationDto, ScoreHistoryDto } from './number.dto';
import { PhoneNumberParamPipe } from './phone-number-param.pipe';

@ApiTags('numbers')
@ApiBearerAuth()
@Roles('analyst')
@ApiBadRequestResponse({ type: ErrorBodyDto, description: 'invalid_phone_number: the path needs an E.164 number' })
@Controller('v1/numbers')
export class NumbersController {
  constructor(
    private readonly overview: NumberOverview,
    private readonly numbers: NumberQueries,
    private readonly reports: ReportQueries,
    private readonly history: ScoreHistory,
    private readonly decisions: NumberDecisions,
  ) {}

  @Get(':phoneNumber')
  @ApiOkResponse({ type: NumberDto, description: 'A number never reported answers ok with zeros' })
  get(@Param('phoneNumber', PhoneNumberParamPipe) phone: NormalizedPhone): Promise<NumberDto> {
    return this.overview.get(phone);
  }

  @Get(':phoneNumber/score')
  @ApiOkResponse({ type: ScoreExplanationDto })
  score(@Param('phoneNumber', PhoneNumberParamPipe) phone: NormalizedPhone): Promise<ScoreExplanationDto> {
    return this.numbers.explainScore(phone);
  }

  @Get(':phoneNumber/score/history')
  @ApiOkResponse({ type: ScoreHistoryDto, description: 'The score over time, replayed from the reports, rejections and reinstatements' })
  scoreHistory(@Param('phoneNumber', PhoneNumberParamPipe) phone: NormalizedPhone): Promise<ScoreHistoryDto> {
    return this.history.of(phone);
  }

  @Get(':phoneNumber/reports')
  @ApiOkResponse({ type: ReportPageDto })
  listReports(@Param('phoneNumber', PhoneNumberParamPipe) phone: NormalizedPhone, @Query() query: ListQueryDto): Promise<ReportPageDto> {
    return this.reports.listForNumber(phone.e164, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }

  @Post(':phoneNumber/suspend')
  @HttpCode(200)
  @ApiOkResponse({ type: NumberDto })
  suspend(@CurrentPrincipal() analyst: Principal, @Param('phoneNumber', PhoneNumberParamPipe) phone: NormalizedPhone, @Body() body: DecisionDto) {
    return this.decide(analyst, phone, 'suspend', body);
  }

  @Post(':phoneNumber/restrict')
  @HttpCode(200)
  @ApiOkResponse({ type: NumberDto })
  restrict(@CurrentPrincipal() analyst: Principal, @Param('phoneNumber', PhoneNumberParamPipe) phone: NormalizedPhone, @Body() body: DecisionDto) {
    return this.decide(analyst, phone, 'restrict', body);
  }

  @Post(':phoneNumber/reinstate')
  @HttpCode(200)
  @ApiOkResponse({ type: NumberDto, description: 'Back to ok; the live evidence is spent, so the same reports cannot put it back; the open case is resolved' })
  reinstate(@CurrentPrincipal() analyst: Principal, @Param('phoneNumber', PhoneNumberParamPipe) phone: NormalizedPhone, @Body() body: DecisionDto) {
    return this.decide(analyst, phone, 'reinstate', body);
  }

  private decide(analyst: Principal, phone: NormalizedPhone, decision: AnalystDecision, body: DecisionDto): Promise<NumberDto> {
    return this.decisions.decide(analyst, phone, decision, body.reason);
  }
}
