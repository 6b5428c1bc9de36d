import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentPrincipal, IdParamPipe, Principal, Roles } from '@phonetrust/platform';
import { AssignCase, CaseQueries, ResolveCase } from '@phonetrust/review';
import { ErrorBodyDto } from '../common/error-body.dto';
import { DEFAULT_PAGE_SIZE } from '../common/list-query.dto';
import { AssignCaseDto, CaseDetailDto, CaseDto, CaseListQueryDto, CasePageDto, ResolveCaseDto } from './case.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Roles('analyst')
@ApiNotFoundResponse({ type: ErrorBodyDto, description: 'not_found: no such case (malformed ids too)' })
@Controller('v1/cases')
export class CasesController {
  constructor(
    private readonly queries: CaseQueries,
    private readonly assignCase: AssignCase,
    private readonly resolveCase: ResolveCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: CasePageDto })
  list(@Query() query: CaseListQueryDto): Promise<CasePageDto> {
    return this.queries.list({ status: query.status ?? 'open', sort: query.sort ?? 'priority', limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
  }

  @Get(':id')
  @ApiOkResponse({ type: CaseDetailDto })
  get(@Param('id', IdParamPipe) id: string): Promise<CaseDetailDto> {
    return this.queries.get(id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'case_already_resolved' })
  assign(@CurrentPrincipal() analyst: Principal, @Param('id', IdParamPipe) id: string, @Body() body: AssignCaseDto): Promise<CaseDto> {
    return this.assignCase.assign(analyst, id, body.assignee);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'case_already_resolved; verdict_already_given (a report in reportVerdicts has one)' })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyDto, description: "report_not_in_case: a report in reportVerdicts is not on the case's number" })
  resolve(@CurrentPrincipal() analyst: Principal, @Param('id', IdParamPipe) id: string, @Body() body: ResolveCaseDto): Promise<CaseDto> {
    return this.resolveCase.resolve(analyst, id, body);
  }
}
