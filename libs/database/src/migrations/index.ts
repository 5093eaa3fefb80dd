import { Migration20261128000000_foundation } from './Migration20261128000000_foundation';
import { Migration20261128010000_catalogue } from './Migration20261128010000_catalogue';
import { Migration20261128020000_playbooks } from './Migration20261128020000_playbooks';
import { Migration20261128030000_discussions } from './Migration20261128030000_discussions';
import { Migration20261128040000_mentoring } from './Migration20261128040000_mentoring';
import { Migration20261128050000_suspension_lifts } from './Migration20261128050000_suspension_lifts';
import { Migration20261128060000_mentoring_changes } from './Migration20261128060000_mentoring_changes';
import { Migration20261201010000_playbook_last_edit } from './Migration20261201010000_playbook_last_edit';
import { Migration20261201020000_access_rules } from './Migration20261201020000_access_rules';
import { Migration20261201030000_catalogue_names } from './Migration20261201030000_catalogue_names';
import { Migration20261201040000_people_mail_files } from './Migration20261201040000_people_mail_files';
import { Migration20261201040100_notification_digest_runs } from './Migration20261201040100_notification_digest_runs';
import { Migration20261201050000_evidence } from './Migration20261201050000_evidence';
import { Migration20261201060000_terms_without_waiting } from './Migration20261201060000_terms_without_waiting';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list works from
 * TypeScript in tests and from the compiled build. Feature issues append theirs.
 */
export const MIGRATIONS = [
  { name: 'Migration20261128000000_foundation', class: Migration20261128000000_foundation },
  { name: 'Migration20261128010000_catalogue', class: Migration20261128010000_catalogue },
  { name: 'Migration20261128020000_playbooks', class: Migration20261128020000_playbooks },
  { name: 'Migration20261128030000_discussions', class: Migration20261128030000_discussions },
  { name: 'Migration20261128040000_mentoring', class: Migration20261128040000_mentoring },
  { name: 'Migration20261128050000_suspension_lifts', class: Migration20261128050000_suspension_lifts },
  { name: 'Migration20261128060000_mentoring_changes', class: Migration20261128060000_mentoring_changes },
  { name: 'Migration20261201010000_playbook_last_edit', class: Migration20261201010000_playbook_last_edit },
  { name: 'Migration20261201020000_access_rules', class: Migration20261201020000_access_rules },
  { name: 'Migration20261201030000_catalogue_names', class: Migration20261201030000_catalogue_names },
  { name: 'Migration20261201040000_people_mail_files', class: Migration20261201040000_people_mail_files },
  { name: 'Migration20261201040100_notification_digest_runs', class: Migration20261201040100_notification_digest_runs },
  { name: 'Migration20261201050000_evidence', class: Migration20261201050000_evidence },
  { name: 'Migration20261201060000_terms_without_waiting', class: Migration20261201060000_terms_without_waiting },
];
