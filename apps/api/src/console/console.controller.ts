import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { notFound, Public } from '@phonetrust/platform';
import { CONSOLE_HEADERS, ConsoleAsset, ConsoleAssets } from './console-assets';

/** GET /console: the analysts' page. Public: the analyst types a key, which the page sends to the /v1 API. */
@ApiExcludeController()
@Public()
@Controller('console')
export class ConsoleController {
  constructor(private readonly assets: ConsoleAssets) {}

  @Get()
  page(@Res() reply: FastifyReply): void {
    send(reply, this.assets.get('index.html')!);
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() reply: FastifyReply): void {
    const asset = this.assets.get(file);
    if (!asset || file === 'index.html') throw notFound('console file');
    send(reply, asset);
  }
}

function send(reply: FastifyReply, asset: ConsoleAsset): void {
  reply.headers(CONSOLE_HEADERS).type(asset.contentType).send(asset.body);
}
