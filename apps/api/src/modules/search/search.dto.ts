import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

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

  @ApiPropertyOptional({ default: 20, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
