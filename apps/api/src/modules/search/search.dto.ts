import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { QueryInt } from '@app/common';

export class SearchQuery {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'q must not be blank' })
  q!: string;

  @ApiPropertyOptional({ description: 'comma-separated: innovation, playbook, thread (default: every registered type)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  types?: string;

  @QueryInt(1, 50, { default: 20 })
  limit?: number;
}
