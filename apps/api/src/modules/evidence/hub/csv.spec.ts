import { csvCell, csvRow } from './csv';

describe('csv cells', () => {
  it('quotes separators and quotes, neutralises formulas, keeps numbers', () => {
    expect(csvCell('Dinas "Kependudukan", Kota')).toBe('"Dinas ""Kependudukan"", Kota"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell(-71.4)).toBe('-71.4');
    expect(csvCell(null)).toBe('');
    expect(csvRow(['a', 1, undefined])).toBe('a,1,\r\n');
  });
});
