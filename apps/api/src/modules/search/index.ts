// Public surface of the search module: what other modules may import.
export { SearchRegistry } from './search.registry';
export type { SearchHit, SearchProvider, SearchType } from './search.registry';
export { escapeHtml } from './snippet';
export { SearchModule } from './search.module';
