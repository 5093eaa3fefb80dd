import { ApiProperty } from '@nestjs/swagger';

export class SearchHitResponse {
  @ApiProperty({ enum: ['innovation', 'playbook', 'thread'] }) type: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Matched words wrapped in `<mark>…</mark>`, the rest HTML-escaped' }) snippet: string;
  @ApiProperty({ description: 'Higher is better, comparable across types (0..1)' }) score: number;
}

export class SearchResponse {
  @ApiProperty({ type: [SearchHitResponse] }) items: SearchHitResponse[];
}
