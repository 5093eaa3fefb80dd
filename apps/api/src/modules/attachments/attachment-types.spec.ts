import { cleanFileName, contentDisposition, sniffContentType } from './attachment-types';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f50000000049454e44ae426082',
  'hex',
);

describe('sniffContentType', () => {
  it('judges by the bytes, not the name', async () => {
    expect(await sniffContentType(PNG, 'foto.pdf', true)).toBe('image/png');
    expect(await sniffContentType(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), 'x.bin', true)).toBe('application/pdf');
  });

  it('refuses executables whatever they are called', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    expect(await sniffContentType(elf, 'laporan.pdf', true)).toBeNull();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
    expect(await sniffContentType(exe, 'data.csv', true)).toBeNull();
  });

  it('takes UTF-8 text as plain text or CSV, binary junk as nothing', async () => {
    expect(await sniffContentType(Buffer.from('nama;jumlah\nSurabaya;3\n'), 'rekap.csv', true)).toBe('text/csv');
    expect(await sniffContentType(Buffer.from('Catatan rapat — ringkas'), 'catatan.txt', true)).toBe('text/plain');
    expect(await sniffContentType(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]), 'x.txt', true)).toBeNull();
    expect(await sniffContentType(Buffer.alloc(0), 'kosong.txt', true)).toBeNull();
  });

  it('accepts a multi-byte character cut at the end of an incomplete sample', async () => {
    const text = Buffer.from('é'.repeat(10));
    expect(await sniffContentType(text.subarray(0, 19), 'a.txt', false)).toBe('text/plain');
  });
});

describe('file names', () => {
  it('keeps the last segment without control characters', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\x\\PKS\u0000.pdf')).toBe('PKS.pdf');
    expect(cleanFileName('')).toBe('berkas');
  });

  it('quotes names safely in Content-Disposition', () => {
    expect(contentDisposition('SK "Bupati" ñ.pdf', false)).toBe(
      `attachment; filename="SK _Bupati_ _.pdf"; filename*=UTF-8''SK%20%22Bupati%22%20%C3%B1.pdf`,
    );
  });
});
