import { startupBanner } from './startup-banner';

describe('startupBanner', () => {
  it('says where the app and its docs are, and lists the demo accounts with the password', () => {
    const text = startupBanner('http://localhost:3000', {
      password: 'Kolaborasi2026!',
      accounts: [
        { email: 'admin@demo.jippnas.id', roles: ['admin', 'user'] },
        { email: 'a@b.id', roles: ['user'] },
      ],
    });
    expect(text).toContain('http://localhost:3000');
    expect(text).toContain('http://localhost:3000/api/docs');
    expect(text).toContain('Kolaborasi2026!');
    expect(text).toMatch(/admin@demo\.jippnas\.id\s+admin, user/);
    expect(text.trim().split('\n').length).toBe(5);
  });

  it('without demo data, only the addresses', () => {
    expect(startupBanner('http://localhost:3000').trim().split('\n')).toHaveLength(2);
  });
});
