/**
 * Every mail the platform sends, in Indonesian, as text and HTML, in one place. Each template
 * is a pure function of its data, so tests and previews render the same thing the queue sends.
 */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Paragraphs of text with at most one button-like link, wrapped in the shared frame. */
function compose(
  subject: string,
  greeting: string,
  paragraphs: string[],
  action?: { label: string; url: string },
  footer: string[] = [],
): RenderedMail {
  const text = [
    greeting,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    ...(action ? [`${action.label}: ${action.url}`, ''] : []),
    ...footer,
    '—',
    'JIPPNas Kolaborasi',
  ].join('\n');
  const html = `<!doctype html><html lang="id"><body style="font-family:Arial,sans-serif;line-height:1.5;color:#1f2933">
<p>${escapeHtml(greeting)}</p>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${action ? `<p><a href="${escapeHtml(action.url)}" style="background:#0b5cad;color:#fff;padding:8px 16px;border-radius:4px;text-decoration:none">${escapeHtml(action.label)}</a></p><p style="font-size:12px">Atau buka tautan ini: ${escapeHtml(action.url)}</p>` : ''}
${footer.map((f) => `<p style="font-size:12px;color:#52606d">${escapeHtml(f)}</p>`).join('\n')}
<p style="font-size:12px;color:#52606d">— JIPPNas Kolaborasi</p>
</body></html>`;
  return { subject, text, html };
}

export function verifyEmailMail(d: { name: string; link: string }): RenderedMail {
  return compose(
    'Konfirmasi alamat email Anda',
    `Halo ${d.name},`,
    [
      'Terima kasih telah mendaftar di JIPPNas Kolaborasi. Konfirmasikan alamat email Anda agar dapat menulis di diskusi dan bergabung dengan unit kerja.',
      'Tautan ini berlaku 48 jam.',
    ],
    {
      label: 'Konfirmasi email',
      url: d.link,
    },
  );
}

export function passwordResetMail(d: { name: string; link: string }): RenderedMail {
  return compose(
    'Atur ulang kata sandi',
    `Halo ${d.name},`,
    [
      'Kami menerima permintaan untuk mengatur ulang kata sandi akun JIPPNas Kolaborasi Anda. Tautan ini hanya dapat dipakai sekali dan berlaku satu jam.',
      'Jika Anda tidak meminta ini, abaikan email ini; kata sandi Anda tidak berubah.',
    ],
    { label: 'Atur ulang kata sandi', url: d.link },
  );
}

export function passwordChangedMail(d: { name: string }): RenderedMail {
  return compose('Kata sandi Anda telah diubah', `Halo ${d.name},`, [
    'Kata sandi akun JIPPNas Kolaborasi Anda baru saja diubah, dan semua sesi masuk lainnya telah diakhiri.',
    'Jika bukan Anda yang mengubahnya, segera atur ulang kata sandi dan hubungi admin.',
  ]);
}

export function invitationMail(d: {
  unitName: string;
  agencyName: string;
  role: string;
  inviterName: string;
  link: string;
  expiresAt: Date;
}): RenderedMail {
  const role = d.role === 'admin' ? 'admin unit' : 'anggota';
  return compose(
    `Undangan bergabung dengan ${d.unitName}`,
    'Halo,',
    [
      `${d.inviterName} mengundang Anda bergabung dengan ${d.unitName} (${d.agencyName}) di JIPPNas Kolaborasi sebagai ${role}.`,
      `Undangan ini berlaku sampai ${formatDate(d.expiresAt)}.`,
    ],
    { label: 'Terima undangan', url: d.link },
  );
}

/** What one notification says, in one line, by its type. */
export function describeNotification(type: string, p: Record<string, unknown>): { title: string; line: string } {
  const by = (p.by as { name?: string } | undefined)?.name ?? 'Seseorang';
  const thread = typeof p.threadTitle === 'string' ? `“${p.threadTitle}”` : 'sebuah diskusi';
  const innovation = typeof p.innovationTitle === 'string' ? `“${p.innovationTitle}”` : 'sebuah inovasi';
  switch (type) {
    case 'mention':
      return { title: `${by} menyebut Anda`, line: `${by} menyebut Anda di diskusi ${thread}.` };
    case 'reply':
      return { title: `Balasan baru di ${thread}`, line: `${by} membalas tulisan Anda di diskusi ${thread}.` };
    case 'new_thread':
      return { title: `Diskusi baru tentang ${innovation}`, line: `${by} membuka diskusi ${thread} tentang inovasi ${innovation}.` };
    case 'stage_change':
      return { title: `Tahap replikasi berubah`, line: `Replikasi ${innovation} berpindah ke tahap ${String(p.to ?? '')}.` };
    case 'session_scheduled':
      return {
        title: `Sesi pendampingan dijadwalkan`,
        line: `Sesi pendampingan untuk ${innovation} dijadwalkan. Undangan kalender terlampir.`,
      };
    case 'session_changed':
      return {
        title: `Sesi pendampingan berubah`,
        line: `Jadwal sesi pendampingan untuk ${innovation} berubah. Undangan kalender terbaru terlampir.`,
      };
    case 'content_hidden':
      return {
        title: 'Tulisan Anda disembunyikan moderator',
        line: `Moderator menyembunyikan tulisan Anda${p.reason ? ` dengan alasan: ${String(p.reason)}` : ''}.`,
      };
    case 'content_restored':
      return { title: 'Tulisan Anda ditampilkan kembali', line: 'Moderator menampilkan kembali tulisan Anda.' };
    case 'account_suspended':
      return { title: 'Akun Anda ditangguhkan', line: `Akun Anda ditangguhkan sementara${p.reason ? `: ${String(p.reason)}` : ''}.` };
    case 'suspension_lifted':
      return { title: 'Penangguhan akun dicabut', line: 'Penangguhan akun Anda telah dicabut.' };
    case 'thread_answered':
      return { title: `Jawaban ditandai di ${thread}`, line: `Sebuah jawaban ditandai di diskusi ${thread}.` };
    default:
      return { title: 'Pemberitahuan baru', line: `Ada pemberitahuan baru (${type}) untuk Anda.` };
  }
}

export function notificationMail(d: {
  name: string;
  type: string;
  payload: Record<string, unknown>;
  link: string;
  unsubscribeLink: string;
}): RenderedMail {
  const { title, line } = describeNotification(d.type, d.payload);
  return compose(title, `Halo ${d.name},`, [line], { label: 'Lihat di JIPPNas Kolaborasi', url: d.link }, [
    `Berhenti menerima email jenis ini: ${d.unsubscribeLink}`,
  ]);
}

export function digestMail(d: {
  name: string;
  items: { type: string; payload: Record<string, unknown>; createdAt: Date }[];
  link: string;
  unsubscribeLinks: { type: string; url: string }[];
}): RenderedMail {
  const lines = d.items.map((i) => `• ${describeNotification(i.type, i.payload).line} (${formatDate(i.createdAt)})`);
  return compose(
    `Ringkasan harian: ${d.items.length} pemberitahuan`,
    `Halo ${d.name},`,
    ['Berikut pemberitahuan Anda sejak ringkasan terakhir:', ...lines],
    { label: 'Buka pemberitahuan', url: d.link },
    d.unsubscribeLinks.map((u) => `Berhenti menerima email jenis ${u.type}: ${u.url}`),
  );
}

function formatDate(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
