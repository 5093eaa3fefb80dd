import { Module } from '@nestjs/common';
import { SearchController } from './search.controller';
import { SearchRegistry } from './search.registry';

/** Cross-type search (`GET /api/search`); features register providers in SearchRegistry. */
@Module({
  controllers: [SearchController],
  providers: [SearchRegistry],
  exports: [SearchRegistry],
})
export class SearchModule {}
