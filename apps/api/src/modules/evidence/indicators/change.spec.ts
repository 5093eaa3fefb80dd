import { changePercent, improved, median } from './change';

describe('indicator arithmetic', () => {
  it('relative change in percent, one decimal, undefined for a zero baseline', () => {
    expect(changePercent(14, 4)).toBe(-71.4);
    expect(changePercent(50, 80)).toBe(60);
    expect(changePercent(-10, -5)).toBe(50);
    expect(changePercent(0, 5)).toBeNull();
  });
  it('improvement follows the direction', () => {
    expect(improved('lower', 14, 4)).toBe(true);
    expect(improved('higher', 14, 4)).toBe(false);
    expect(improved('higher', 4, 4)).toBeNull();
  });
  it('median of odd, even and empty lists', () => {
    expect(median([3, -71.4, -50])).toBe(-50);
    expect(median([-80, -60, -20, 10])).toBe(-40);
    expect(median([])).toBeNull();
  });
});
