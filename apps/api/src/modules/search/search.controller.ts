import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { badRequest } from '@app/common';
import { SearchResponse } from './search.responses';
import { SearchQuery } from './search.dto';
import { SearchHit, SearchRegistry, SearchType } from './search.registry';

@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(private readonly registry: SearchRegistry) {}

  /** Every requested type's provider is asked for `limit` hits; the merged list is cut to `limit`, best first. */
  @Get()
  @ApiOperation({ summary: 'Cross-type search over what the caller may read; snippets mark matched words with <mark>' })
  @ApiOkResponse({ type: SearchResponse })
  async search(@CurrentUser() user: AuthUser, @Query() q: SearchQuery): Promise<{ items: SearchHit[] }> {
    const known = this.registry.types();
    const types =
      q.types === undefined
        ? known
        : [
            ...new Set(
              q.types
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            ),
          ];
    const unknown = types.filter((t) => !known.includes(t as SearchType));
    if (unknown.length || !types.length)
      throw badRequest(
        `types must be a comma-separated list of: ${known.join(', ')}`,
        unknown.map((t) => ({ field: 'types', value: t })),
      );
    const limit = q.limit ?? 20;
    const results = await Promise.all(types.map((t) => this.registry.get(t as SearchType)!.search(user, q.q, limit)));
    const items = results.flat().sort((a, b) => b.score - a.score || a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
    return { items: items.slice(0, limit) };
  }
}
