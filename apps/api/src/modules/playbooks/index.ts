// Public surface of the playbooks module: what other modules may import.
export { PlaybookFactory } from './playbook-factory.service';
export { PlaybookAccess } from './playbook-access.service';
export type { PlaybookAccessLevel } from './playbook-access.service';
export { CONTENT, STAGE_SECTIONS, toPlainText } from './content/prosemirror';
export { PlaybooksModule } from './playbooks.module';
