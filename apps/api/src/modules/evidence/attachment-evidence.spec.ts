import { belongsTo } from './attachment-evidence.service';

describe('attachment ownership', () => {
  const rep = '6f1c2a4e-0000-4000-8000-000000000001';
  const other = '6f1c2a4e-0000-4000-8000-000000000002';
  it('a polymorphic parent pair must name this replication', () => {
    expect(belongsTo({ parent_type: 'replication', parent_id: rep }, rep)).toBe(true);
    expect(belongsTo({ parent_type: 'replication', parent_id: other }, rep)).toBe(false);
    expect(belongsTo({ parent_type: 'post', parent_id: rep }, rep)).toBe(false);
    expect(belongsTo({ owner_type: 'replications', owner_id: rep }, rep)).toBe(true);
  });
  it('a replication_id column must be this replication', () => {
    expect(belongsTo({ replication_id: rep }, rep)).toBe(true);
    expect(belongsTo({ replication_id: null }, rep)).toBe(false);
  });
});
