import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Public } from '@app/auth';
import { Region, RegionsService } from './regions.service';

export class ListRegionsQuery {
  @ApiPropertyOptional({ description: 'a province code: its regencies/cities; absent: the provinces', example: '73' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'province must be a two-digit province code' })
  province?: string;

  @ApiPropertyOptional({ description: 'part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class RegionResponse {
  @ApiProperty({ example: '73.71' }) code!: string;
  @ApiProperty({ example: 'Kota Makassar' }) name!: string;
  @ApiProperty({ enum: ['province', 'regency'] }) level!: string;
  @ApiProperty({ example: '73' }) provinceCode!: string;
  @ApiProperty({ example: 'Sulawesi Selatan', nullable: true, type: String }) provinceName!: string | null;
}

export const regionResponse = (r: Region & { provinceName: string | null }): RegionResponse => ({
  code: r.code,
  name: r.name,
  level: r.level,
  provinceCode: r.provinceCode,
  provinceName: r.provinceName,
});

@ApiTags('regions')
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Kemendagri provinces, or the regencies/cities of one province (public)' })
  @ApiOkResponse({ type: [RegionResponse] })
  async list(@Query() q: ListRegionsQuery): Promise<RegionResponse[]> {
    return (await this.regions.list(q.province, q.q)).map(regionResponse);
  }
}
