import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/** What one generated document shows: a title, labelled facts, optional sections, its code. */
export interface DocumentContent {
  title: string;
  subtitle: string;
  facts: [label: string, value: string][];
  sections?: { heading: string; lines: string[] }[];
  statement: string;
  code: string;
  verifyUrl: string;
  issuedAt: Date;
}

const MARGIN = 56;

/** Indonesian long date in Western Indonesia Time, e.g. "1 Desember 2026". */
export const tanggal = (d: Date | string) => new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }).format(new Date(d));

/**
 * Renders a document to PDF bytes (A4, the standard Helvetica fonts, so no font files ship).
 * The verification code is printed, encoded in a QR code pointing to the verification page,
 * and set as the PDF's Subject and Keywords, so tools and tests can read it without parsing
 * content streams.
 */
export async function renderDocument(c: DocumentContent): Promise<Buffer> {
  const qr = await QRCode.toBuffer(c.verifyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: c.title, Subject: `Kode verifikasi ${c.code}`, Keywords: c.code, Author: 'JIPPNas Kolaborasi', Creator: 'JIPPNas Kolaborasi', CreationDate: c.issuedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;

  doc.font('Helvetica').fontSize(9).fillColor('#555').text('Jaringan Inovasi Pelayanan Publik Nasional (JIPPNas)', { align: 'center' });
  doc.moveDown(1.5).font('Helvetica-Bold').fontSize(18).fillColor('#000').text(c.title, { align: 'center' });
  doc.moveDown(0.3).font('Helvetica').fontSize(11).text(c.subtitle, { align: 'center' });
  doc.moveDown(1.5);
  for (const [label, value] of c.facts) {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(10).text(label, MARGIN, y, { width: 170 });
    const labelBottom = doc.y;
    doc.font('Helvetica').text(value || '-', MARGIN + 180, y, { width: width - 180 });
    doc.y = Math.max(doc.y, labelBottom) + 4;
  }
  for (const s of c.sections ?? []) {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(11).text(s.heading, MARGIN, doc.y, { width });
    doc.moveDown(0.2).font('Helvetica').fontSize(10);
    if (!s.lines.length) doc.text('-', { width });
    for (const line of s.lines) doc.text(`• ${line}`, { width, indent: 8 });
  }
  doc.moveDown(1.2).font('Helvetica').fontSize(10).text(c.statement, MARGIN, doc.y, { width, align: 'justify' });

  // Verification block at the foot of the last page: QR code beside the code and the address.
  if (doc.y > doc.page.height - MARGIN - 130) doc.addPage();
  const top = doc.page.height - MARGIN - 110;
  doc.image(qr, MARGIN, top, { width: 100 });
  doc.font('Helvetica-Bold').fontSize(10).text('Kode verifikasi', MARGIN + 115, top + 8);
  doc.font('Courier-Bold').fontSize(14).text(c.code, MARGIN + 115, top + 24);
  doc.font('Helvetica').fontSize(8).fillColor('#333').text(`Diterbitkan ${tanggal(c.issuedAt)}. Periksa keaslian dokumen ini dengan memindai kode QR atau membuka ${c.verifyUrl}`, MARGIN + 115, top + 46, {
    width: width - 115,
  });
  doc.end();
  return done;
}
