import { ApiErrors } from '@app/common';
import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { HubView } from './hub.dto';
import { HubService } from './hub.service';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('replication evidence')
@ApiBearerAuth()
@Controller('units/:id/hub')
export class HubController {
  constructor(private readonly hub: HubService) {}

  @Get()
  @ApiOperation({
    summary:
      'Hub view of a facilitator unit: its replications and mentorships with stages, checklists, indicators, ratings (members, curators, admins)',
  })
  @ApiOkResponse({ type: HubView })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  view(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.hub.view(user, id);
  }

  @Get('export')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The hub view as CSV, one row per replication and mentorship' })
  @ApiOkResponse({ description: 'text/csv', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  async export(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Res({ passthrough: true }) res: Response) {
    const { filename, body } = await this.hub.csv(user, id);
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(Buffer.from(body, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${filename}"`,
    });
  }
}
