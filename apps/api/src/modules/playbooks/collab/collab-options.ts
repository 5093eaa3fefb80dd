import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, loadCollabSettings } from '@app/common';
import type { AppConfig, CollabSettings } from '@app/common';

/**
 * Tunables of the collaboration server, validated with the rest of the settings
 * (`CollabSettings` from `COLLAB_*` in `libs/common/src/config.ts`); without a config (unit tests)
 * the defaults. Mutable on purpose: tests shrink limits and timers on a running app.
 */
@Injectable()
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- every field is set in the constructor
export class CollabOptions implements CollabSettings {
  constructor(@Optional() @Inject(APP_CONFIG) config?: AppConfig) {
    Object.assign(this, config?.collab ?? loadCollabSettings({}));
  }
}
// The fields are CollabSettings' (documented there), by declaration merging.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface CollabOptions extends CollabSettings {}

/** Close codes of the collaboration socket (4400–4499: stock clients do not reconnect). */
export const CloseCode = {
  MALFORMED: 4400,
  UNAUTHORIZED: 4401,
  FORBIDDEN: 4403,
  NOT_FOUND: 4404,
  AUTH_TIMEOUT: 4408,
  TOO_LARGE: 4413,
  TOO_MANY: 4429,
  GOING_AWAY: 1001,
  INTERNAL: 1011,
  TRY_AGAIN: 1013,
} as const;
