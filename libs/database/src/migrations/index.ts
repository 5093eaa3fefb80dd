import { Migration20261128000000_foundation } from './Migration20261128000000_foundation';
import { Migration20261128030000_discussions } from './Migration20261128030000_discussions';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list works from
 * TypeScript in tests and from the compiled build. Feature issues append theirs.
 */
export const MIGRATIONS = [
  { name: 'Migration20261128000000_foundation', class: Migration20261128000000_foundation },
  { name: 'Migration20261128030000_discussions', class: Migration20261128030000_discussions },
];
