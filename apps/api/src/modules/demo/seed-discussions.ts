import { randomUUID } from 'node:crypto';
import { PostsRepository, renderMarkdown, ThreadsRepository } from '../discussions';
import { FlagsRepository, ModerationQueueRepository } from '../moderation';
import { DemoSeeder } from './demo.context';

/**
 * Discussions on the demo catalogue: a question thread with replies, a mention and an accepted
 * answer, a replication team thread, and one flagged post so the moderation queue is not empty.
 * Runs after whatever seeded innovations and replications; without them it adds nothing.
 */
export const seedDiscussions: DemoSeeder = {
  name: 'discussions',
  async run(ctx) {
    const em = ctx.em;
    const users = ctx.users;
    if (!users.surabaya || !users.makassar || !users.moderator) return;
    const innovations = await em.execute<{ id: string; title: string }[]>(
      'select id, title from innovations order by created_at, id limit 2',
    );
    if (!innovations.length) return;
    const [replication] = await em.execute<{ id: string }[]>('select id from replications order by created_at, id limit 1');
    let clock = Date.now() - 3 * 24 * 3600_000;
    const at = () => new Date((clock += 37 * 60_000));

    // The modules' own repositories on the seeding transaction: demo rows are stored as the API stores them.
    const threads = new ThreadsRepository(em);
    const posts = new PostsRepository(em);
    const thread = async (scope: { innovationId?: string; replicationId?: string }, authorId: string, title: string) => {
      const id = randomUUID();
      await threads.insert(
        { id, innovationId: scope.innovationId ?? null, replicationId: scope.replicationId ?? null, title, authorId, at: at() },
        em,
      );
      await threads.follow(id, authorId, em);
      return id;
    };
    const post = async (threadId: string, authorId: string, body: string, parentId: string | null = null) => {
      const id = randomUUID();
      await posts.insert({ id, threadId, parentId, quotePostId: null, authorId, body, html: renderMarkdown(body), createdAt: at() }, em);
      return id;
    };

    const inv = innovations[0];
    const q = await thread({ innovationId: inv.id }, users.makassar.id, `Bagaimana memulai replikasi ${inv.title}?`);
    await post(
      q,
      users.makassar.id,
      'Kami di Dinkes Makassar ingin mereplikasi inovasi ini. **Apa langkah pertama** yang paling menentukan?',
    );
    const answer = await post(
      q,
      users.surabaya.id,
      'Mulailah dari:\n\n1. Perjanjian kerja sama dengan unit asal\n2. Pemetaan proses layanan saat ini\n3. Uji coba di satu kecamatan\n\nSilakan lihat playbook kami.',
    );
    await post(
      q,
      users.makassar.id,
      `Terima kasih @[${users.surabaya.name}](${users.surabaya.id})! Kami akan mulai dari pemetaan.`,
      answer,
    );
    await threads.setAcceptedPost(q, answer, em);
    await posts.react(answer, users.makassar.id, '+1', true, em);
    await posts.react(answer, users.moderator.id, 'heart', true, em);

    const spam = await post(q, users.kukar?.id ?? users.makassar.id, 'Jual jasa pembuatan aplikasi murah, hubungi 0812-xxxx!');
    if (users.sleman) {
      await new FlagsRepository(em).insert(
        { id: randomUUID(), postId: spam, userId: users.sleman.id, reason: 'spam', note: 'Iklan, bukan diskusi', weight: 1 },
        em,
      );
      await new ModerationQueueRepository(em).addFlag(spam, 1, em);
    }

    if (replication) {
      const team = await thread({ replicationId: replication.id }, users.surabaya.id, 'Koordinasi tim replikasi');
      await post(team, users.surabaya.id, 'Jadwal rapat koordinasi berikutnya: Senin pukul 09.00 WITA, daring.');
      await post(team, users.makassar.id, 'Siap, kami hadir. Mohon bahan paparan dibagikan sebelumnya.');
    }
  },
};
