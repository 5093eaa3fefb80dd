import { VerificationView } from './documents.dto';
import { tanggal } from './pdf-render';

const KIND = { agreement: 'Ringkasan Kesepakatan Replikasi', certificate: 'Sertifikat Replikasi Inovasi', report: 'Laporan Pendampingan Replikasi' } as Record<string, string>;

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The verification result as a small Indonesian HTML page, for people who scan the QR code. */
export function verificationPage(v: VerificationView): string {
  const s = v.subject as { innovation?: { title?: string }; originUnit?: { name?: string; agency?: string }; replicatingUnit?: { name?: string; agency?: string }; mentors?: string[] };
  const rows: [string, unknown][] = [
    ['Jenis dokumen', KIND[v.kind] ?? v.kind],
    ['Kode', v.code],
    ['Inovasi', s.innovation?.title],
    ['Instansi asal', [s.originUnit?.name, s.originUnit?.agency].filter(Boolean).join(', ')],
    ['Instansi replikator', [s.replicatingUnit?.name, s.replicatingUnit?.agency].filter(Boolean).join(', ')],
    ...(s.mentors?.length ? [['Pendamping', s.mentors.join(', ')] as [string, unknown]] : []),
    ['Diterbitkan oleh', v.issuer],
    ['Tanggal terbit', tanggal(v.issuedAt)],
    ...(v.revokedAt ? [['Dicabut', `${tanggal(v.revokedAt)}${v.revokeReason ? ` (${v.revokeReason})` : ''}`] as [string, unknown]] : []),
  ];
  const status = v.valid ? 'Dokumen ini sah dan tercatat di JIPPNas.' : 'Dokumen ini telah dicabut dan tidak berlaku lagi.';
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verifikasi dokumen JIPPNas</title></head><body style="font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
<h1>Verifikasi dokumen</h1><p role="status"><strong>${esc(status)}</strong></p>
<table>${rows.map(([k, val]) => `<tr><th scope="row" style="text-align:left;padding-right:1rem">${esc(k)}</th><td>${esc(val)}</td></tr>`).join('')}</table>
</body></html>`;
}
