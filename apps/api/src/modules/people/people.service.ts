import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { orderBySql, parseSort } from '@app/common';
import { User } from '@app/database';
import { DirectoryDto, DirectoryUnitDto, ProfileDto, UpdateProfileDto } from './people.dto';
import type { DIRECTORY_SORTS } from './people.dto';

interface UnitRow {
  user_id: string;
  id: string;
  name: string;
  agency_name: string;
  role: string;
}

/** The people directory (mention autocomplete, "add member") and the user's own profile. */
@Injectable()
export class PeopleService {
  constructor(private readonly em: EntityManager) {}

  async directory(viewer: AuthUser, q: { q?: string; unitId?: string; sort?: string; limit?: number }): Promise<DirectoryDto> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.q) {
      // Escaped LIKE on unaccented lower-case names: "andi" finds "Andi Saputra" and "Ándi".
      where.push(`unaccent(lower(u.name)) like '%' || unaccent(lower(?)) || '%' escape '\\'`);
      params.push(q.q.replace(/[\\%_]/g, (c) => `\\${c}`));
    }
    if (q.unitId) (where.push('exists (select 1 from memberships m where m.user_id = u.id and m.unit_id = ?)'), params.push(q.unitId));
    // Relevance puts names starting with q first (`not prefix` sorts false, i.e. a prefix, first).
    const prefix = !!q.q && parseSort(q.sort, 'relevance').key === 'relevance';
    const order: Record<(typeof DIRECTORY_SORTS)[number], string | string[]> = {
      relevance: prefix ? [`not (unaccent(lower(u.name)) like unaccent(lower(?)) || '%')`, 'u.name'] : 'u.name',
      name: 'u.name',
      created: 'u.created_at',
    };
    const rows = await this.em.execute<{ id: string; name: string; email: string; position: string | null; roles: string[] }[]>(
      `select u.id, u.name, u.email, u.position, u.roles from users u ${where.length ? `where ${where.join(' and ')}` : ''}
        order by ${orderBySql(q.sort, 'relevance', order, 'u.id')} limit ?`,
      [...params, ...(prefix ? [(q.q ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)] : []), q.limit ?? 20],
    );
    const units = await this.unitsOf(rows.map((r) => r.id));
    const admin = viewer.roles.includes('admin');
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        position: r.position,
        ...(admin || r.id === viewer.id ? { email: r.email } : {}),
        // Admins set platform roles from this list, so they must see the current ones.
        ...(admin ? { roles: r.roles } : {}),
        units: units.get(r.id) ?? [],
      })),
    };
  }

  async profile(userId: string): Promise<ProfileDto> {
    const user = await this.em.fork().findOneOrFail(User, { id: userId });
    const units = await this.unitsOf([userId]);
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      emailVerified: !!user.emailVerifiedAt,
      position: user.position ?? null,
      phone: user.phone ?? null,
      avatarAttachmentId: user.avatarAttachmentId ?? null,
      units: units.get(userId) ?? [],
    };
  }

  async updateProfile(userId: string, dto: UpdateProfileDto): Promise<ProfileDto> {
    const em = this.em.fork();
    const user = await em.findOneOrFail(User, { id: userId });
    if (dto.name !== undefined) user.name = dto.name;
    if (dto.position !== undefined) user.position = dto.position || null;
    if (dto.phone !== undefined) user.phone = dto.phone || null;
    await em.flush();
    return this.profile(userId);
  }

  /** Sets (or clears) the avatar; the previous avatar attachment is returned so it can be removed. */
  async setAvatar(userId: string, attachmentId: string | null): Promise<string | null> {
    const [row] = await this.em.execute<{ previous: string | null }[]>(
      `update users u set avatar_attachment_id = ? from (select avatar_attachment_id as previous from users where id = ? for update) p where u.id = ? returning p.previous`,
      [attachmentId, userId, userId],
    );
    return row?.previous ?? null;
  }

  private async unitsOf(userIds: string[]): Promise<Map<string, DirectoryUnitDto[]>> {
    const out = new Map<string, DirectoryUnitDto[]>();
    if (!userIds.length) return out;
    const rows = await this.em.execute<UnitRow[]>(
      `select m.user_id, u.id, u.name, a.name as agency_name, m.role from memberships m join units u on u.id = m.unit_id join agencies a on a.id = u.agency_id
        where m.user_id = any(?::uuid[]) order by a.name, u.name`,
      [`{${userIds.join(',')}}`],
    );
    for (const r of rows) {
      const list = out.get(r.user_id) ?? [];
      list.push({ id: r.id, name: r.name, agencyName: r.agency_name, role: r.role });
      out.set(r.user_id, list);
    }
    return out;
  }
}
