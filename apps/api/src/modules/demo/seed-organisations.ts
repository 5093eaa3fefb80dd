import { Agency, Membership, PlatformRole, Unit, User } from '@app/database';
import { hashPassword } from '../auth';
import { DEMO_PASSWORD, DemoSeeder } from './demo.context';

const AGENCIES: [key: string, name: string, kind: Agency['kind'], region: string | null][] = [
  ['panrb', 'Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi', 'ministry', null],
  ['lan', 'Lembaga Administrasi Negara', 'agency', null],
  ['jateng', 'Pemerintah Provinsi Jawa Tengah', 'province', '33'],
  ['surabaya', 'Pemerintah Kota Surabaya', 'city', '35.78'],
  ['banyuwangi', 'Pemerintah Kabupaten Banyuwangi', 'regency', '35.10'],
  ['makassar', 'Pemerintah Kota Makassar', 'city', '73.71'],
  ['kukar', 'Pemerintah Kabupaten Kutai Kartanegara', 'regency', '64.02'],
  ['sleman', 'Pemerintah Kabupaten Sleman', 'regency', '34.04'],
];

const UNITS: [key: string, agency: string, name: string][] = [
  ['panrb-yanlik', 'panrb', 'Deputi Bidang Pelayanan Publik'],
  ['lan-inovasi', 'lan', 'Pusat Inovasi Administrasi Negara'],
  ['jateng-dinkes', 'jateng', 'Dinas Kesehatan Provinsi Jawa Tengah'],
  ['jateng-bappeda', 'jateng', 'Badan Perencanaan Pembangunan Daerah Jawa Tengah'],
  ['surabaya-dispendukcapil', 'surabaya', 'Dinas Kependudukan dan Pencatatan Sipil Kota Surabaya'],
  ['surabaya-dinkes', 'surabaya', 'Dinas Kesehatan Kota Surabaya'],
  ['banyuwangi-diskominfo', 'banyuwangi', 'Dinas Komunikasi, Informatika dan Persandian Banyuwangi'],
  ['banyuwangi-dinkes', 'banyuwangi', 'Dinas Kesehatan Kabupaten Banyuwangi'],
  ['makassar-dinkes', 'makassar', 'Dinas Kesehatan Kota Makassar'],
  ['kukar-dpmptsp', 'kukar', 'Dinas Penanaman Modal dan PTSP Kutai Kartanegara'],
  ['sleman-dukcapil', 'sleman', 'Dinas Kependudukan dan Pencatatan Sipil Sleman'],
  ['sleman-bappeda', 'sleman', 'Badan Perencanaan Pembangunan Daerah Sleman'],
];

/** Demo accounts: key, email, name, platform roles, unit memberships. */
const USERS: [key: string, email: string, name: string, roles: PlatformRole[], units: [string, 'admin' | 'member'][]][] = [
  ['admin', 'admin@demo.jippnas.id', 'Admin Platform (demo)', ['admin', 'user'], []],
  ['curator', 'kurator@demo.jippnas.id', 'Rina Kurniawati (kurator, demo)', ['curator', 'user'], [['panrb-yanlik', 'member']]],
  ['moderator', 'moderator@demo.jippnas.id', 'Agus Santoso (moderator, demo)', ['moderator', 'user'], [['lan-inovasi', 'member']]],
  [
    'surabaya',
    'inovator.surabaya@demo.jippnas.id',
    'Dewi Lestari (Dispendukcapil Surabaya, demo)',
    ['user'],
    [
      ['surabaya-dispendukcapil', 'admin'],
      ['surabaya-dinkes', 'member'],
    ],
  ],
  [
    'banyuwangi',
    'inovator.banyuwangi@demo.jippnas.id',
    'Bayu Pratama (Diskominfo Banyuwangi, demo)',
    ['user'],
    [
      ['banyuwangi-diskominfo', 'admin'],
      ['banyuwangi-dinkes', 'member'],
    ],
  ],
  ['makassar', 'replikator.makassar@demo.jippnas.id', 'Andi Nurhaliza (Dinkes Makassar, demo)', ['user'], [['makassar-dinkes', 'admin']]],
  [
    'sleman',
    'replikator.sleman@demo.jippnas.id',
    'Sri Wahyuni (Dukcapil Sleman, demo)',
    ['user'],
    [
      ['sleman-dukcapil', 'admin'],
      ['sleman-bappeda', 'member'],
    ],
  ],
  ['kukar', 'replikator.kukar@demo.jippnas.id', 'Rudi Hartono (DPMPTSP Kukar, demo)', ['user'], [['kukar-dpmptsp', 'admin']]],
  [
    'jateng',
    'fasilitator.jateng@demo.jippnas.id',
    'Siti Rahmawati (Bappeda Jateng, fasilitator, demo)',
    ['user'],
    [
      ['jateng-bappeda', 'admin'],
      ['jateng-dinkes', 'member'],
    ],
  ],
];

export const seedOrganisations: DemoSeeder = {
  name: 'organisations and accounts',
  async run(ctx) {
    for (const [key, name, kind, region] of AGENCIES) ctx.agencies[key] = ctx.em.create(Agency, new Agency(name, kind, region));
    for (const [key, agency, name] of UNITS) ctx.units[key] = ctx.em.create(Unit, new Unit(ctx.agencies[agency], name));
    const hash = await hashPassword(DEMO_PASSWORD);
    for (const [key, email, name, roles, units] of USERS) {
      const user = new User(email, name, hash);
      user.roles = roles;
      user.emailVerifiedAt = new Date(); // demo accounts are ready to use
      ctx.users[key] = ctx.em.create(User, user);
      for (const [unit, role] of units) ctx.em.create(Membership, new Membership(ctx.units[unit], user, role));
    }
  },
};

export const DEMO_ACCOUNTS = USERS.map(([, email, name, roles]) => ({ email, name, roles }));
