import { Module } from '@nestjs/common';
import { InnovationDuplicatesService } from './innovation-duplicates.service';
import { InnovationExportService } from './innovation-export.service';
import { SearchModule } from '../search';
import { InnovationImportService } from './innovation-import.service';
import { InnovationSearchProvider } from './innovation-search.provider';
import { InnovationsController } from './innovations.controller';
import { InnovationsService } from './innovations.service';

/** The innovation catalogue: CRUD, ranked search with filters and facets, bulk import. */
@Module({
  imports: [SearchModule],
  controllers: [InnovationsController],
  providers: [InnovationsService, InnovationImportService, InnovationExportService, InnovationDuplicatesService, InnovationSearchProvider],
  exports: [InnovationsService],
})
export class InnovationsModule {}
