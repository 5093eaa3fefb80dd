import { orderBySql, parseSort, sortValues } from './sort';

describe('sort', () => {
  const cols = { created: 't.created_at', title: 'lower(t.title)' };

  it('lists every key in both directions', () => {
    expect(sortValues(['created', 'title'])).toEqual(['created', '-created', 'title', '-title']);
  });

  it('orders by the key, descending with a leading -, ties on the tie column in the same direction', () => {
    expect(orderBySql('title', '-created', cols, 't.id')).toBe('lower(t.title) asc nulls last, t.id asc');
    expect(orderBySql('-title', '-created', cols, 't.id')).toBe('lower(t.title) desc nulls last, t.id desc');
    expect(orderBySql(undefined, '-created', cols, 't.id')).toBe('t.created_at desc nulls last, t.id desc');
  });

  it('gives every column of a several-column key the direction', () => {
    const multi = { agency: ['a.name', 'u.name'] };
    expect(orderBySql('-agency', 'agency', multi, 'u.id')).toBe('a.name desc nulls last, u.name desc nulls last, u.id desc');
    expect(orderBySql(undefined, 'agency', multi, 'u.id')).toBe('a.name asc nulls last, u.name asc nulls last, u.id asc');
  });

  it('parses a value, or the default, into key and direction', () => {
    expect(parseSort('-type', '-created')).toEqual({ key: 'type', dir: 'desc' });
    expect(parseSort(undefined, 'name')).toEqual({ key: 'name', dir: 'asc' });
  });

  it('refuses a key it does not know instead of building SQL from it', () => {
    expect(() => orderBySql('x; drop table users', '-created', cols, 't.id')).toThrow('unknown sort key');
    expect(() => orderBySql('constructor', '-created', cols, 't.id')).toThrow('unknown sort key');
  });
});
