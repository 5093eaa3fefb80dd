import { Module } from '@nestjs/common';
import { SearchModule } from '../search';
import { InnovationImportService } from './innovation-import.service';
import { InnovationSearchProvider } from './innovation-search.provider';
import { InnovationsController } from './innovations.controller';
import { InnovationsService } from './innovations.service';

/** The innovation catalogue: CRUD, ranked search with filters and facets, bulk import. */
@Module({
  imports: [SearchModule],
  controllers: [InnovationsController],
  providers: [InnovationsService, InnovationImportService, InnovationSearchProvider],
  exports: [InnovationsService],
})
export class InnovationsModule {}
