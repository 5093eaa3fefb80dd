import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { QueryInt, SortQuery } from '@app/common';
import type { QueuedMailRow } from './mail-queue.service';

export const OUTBOX_SORTS = ['created', 'to', 'status'] as const;

export class ListOutboxQuery {
  @SortQuery(OUTBOX_SORTS, '-created')
  sort?: string;

  @QueryInt(1, 200)
  limit?: number;

  @QueryInt(0, 1_000_000)
  offset?: number;

  /** Only mails to this address. */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MaxLength(254)
  to?: string;

  @IsOptional()
  @IsIn(['queued', 'sending', 'sent', 'failed', 'outbox'])
  status?: string;
}

export class OutboxMailDto {
  @ApiProperty() id: string;
  @ApiProperty() to: string;
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'Which template produced the mail' }) template: string;
  @ApiProperty({
    enum: ['queued', 'sending', 'sent', 'failed', 'outbox'],
    description: '`outbox`: no SMTP server is configured, the mail was only recorded',
  })
  status: string;
  @ApiProperty() attempts: number;
  @ApiProperty() text: string;
  @ApiProperty() html: string;
  @ApiProperty({ type: [String], description: 'File names of attachments' }) attachments: string[];
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) sentAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError: string | null;
}

export class OutboxListDto {
  @ApiProperty({ type: [OutboxMailDto] }) items: OutboxMailDto[];
  @ApiProperty() total: number;
}

export function toOutboxMail(r: QueuedMailRow): OutboxMailDto {
  return {
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    template: r.template,
    status: r.status,
    attempts: r.attempts,
    text: r.text_body,
    html: r.html_body,
    attachments: r.attachments.map((a) => a.filename),
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
    lastError: r.last_error,
  };
}
