import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { ListOutboxQuery, OutboxListDto, toOutboxMail } from './mail.dto';
import { MailQueue } from './mail-queue.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/outbox')
export class MailController {
  constructor(private readonly queue: MailQueue) {}

  @Roles('admin')
  @Get()
  @ApiOperation({ summary: 'Every mail the platform queued, newest first (with no SMTP_URL this is where mails go)' })
  @ApiOkResponse({ type: OutboxListDto })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED' })
  @ApiResponse({ status: 403, description: 'FORBIDDEN: admins only' })
  async list(@Query() q: ListOutboxQuery): Promise<OutboxListDto> {
    const { items, total } = await this.queue.list({
      limit: q.limit ?? 50,
      offset: q.offset ?? 0,
      to: q.to,
      status: q.status,
      sort: q.sort,
    });
    return { items: items.map(toOutboxMail), total };
  }
}
