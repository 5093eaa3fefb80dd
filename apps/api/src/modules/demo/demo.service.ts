import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { User } from '@app/database';
import { hashPassword } from '../auth';
import { DEMO_PASSWORD, DemoContext, DemoSeeder } from './demo.context';
import { seedCatalogue } from './seed-catalogue';
import { seedDiscussions } from './seed-discussions';
import { seedEvidence } from './seed-evidence';
import { seedMentoring } from './seed-mentoring';
import { seedPlaybooks } from './seed-playbooks';
import { DEMO_ACCOUNTS, seedOrganisations } from './seed-organisations';

/** Demo seeders in order; each feature appends its own. */
export const DEMO_SEEDERS: DemoSeeder[] = [
  seedOrganisations,
  seedCatalogue,
  seedMentoring,
  seedPlaybooks,
  seedEvidence,
  /* keep last: needs innovations */ seedDiscussions,
];

@Injectable()
export class DemoService {
  private readonly logger = new Logger('Demo');

  constructor(private readonly em: EntityManager) {}

  /** Creates the platform admin from ADMIN_EMAIL/ADMIN_PASSWORD unless some user already has the admin role. */
  async ensureAdmin(email: string, password: string): Promise<boolean> {
    const em = this.em.fork();
    const admins = await em.getConnection().execute<{ n: string }[]>(`select count(*)::text as n from users where 'admin' = any(roles)`);
    if (Number(admins[0].n) > 0) return false;
    const existing = await em.findOne(User, { email });
    if (existing) {
      existing.roles = [...new Set([...existing.roles, 'admin' as const])];
      existing.emailVerifiedAt ??= new Date(); // the operator named this address
      existing.accessVersion += 1;
    } else {
      const user = new User(email, 'Platform admin', await hashPassword(password));
      user.roles = ['admin', 'user'];
      user.emailVerifiedAt = new Date(); // the operator named this address
      em.persist(user);
    }
    await em.flush();
    this.logger.log(`platform admin ${email} created`);
    return true;
  }

  /** Loads the demo dataset when the database has no agencies and no innovations yet. Returns false when skipped. */
  async seedIfEmpty(): Promise<boolean> {
    const em = this.em.fork();
    const rows = await em
      .getConnection()
      .execute<{ n: string }[]>(`select ((select count(*) from agencies) + (select count(*) from innovations))::text as n`);
    if (Number(rows[0].n) > 0) return false;
    await em.transactional(async (tx) => {
      const ctx: DemoContext = { em: tx, agencies: {}, units: {}, users: {}, extra: {} };
      for (const seeder of DEMO_SEEDERS) {
        await seeder.run(ctx);
        await tx.flush();
      }
    });
    this.logger.log(`demo data loaded (${DEMO_SEEDERS.map((s) => s.name).join(', ')})`);
    return true;
  }

  accounts() {
    return { password: DEMO_PASSWORD, accounts: DEMO_ACCOUNTS };
  }
}
