import { Global, Module } from '@nestjs/common';
import { SearchRegistry } from './search.registry';

/** Cross-type search (`GET /api/search`); features register providers in SearchRegistry. */
@Global()
@Module({
  providers: [SearchRegistry],
  exports: [SearchRegistry],
})
export class SearchModule {}
