// Public surface of the innovations module: what other modules may import.
export { InnovationsService } from './innovations.service';
export { innovationView } from './innovation.view';
export type { InnovationView } from './innovation.view';
export { InnovationsModule } from './innovations.module';
// Streamed CSV/XLSX tables, shared with the registry's exports.
export { attachmentsCell, attachmentsSql, cursorRows, isoCell, neutralise, streamTable } from './table-export';
export type { ExportColumn, ExportedAttachment, ExportFormat } from './table-export';
