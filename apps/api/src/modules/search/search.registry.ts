import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@app/auth';

export type SearchType = 'innovation' | 'playbook' | 'thread';

export interface SearchHit {
  type: SearchType;
  id: string;
  title: string;
  /** Matched words wrapped in `<mark>…</mark>`; the rest HTML-escaped. */
  snippet: string;
  /** Higher is better; comparable across types (0..1, from ts_rank normalised). */
  score: number;
}

/** One searchable type. Each feature module registers its own provider at start-up. */
export interface SearchProvider {
  type: SearchType;
  /** Hits the caller may read, best first. */
  search(user: AuthUser, q: string, limit: number): Promise<SearchHit[]>;
}

/** Where features plug their search into `GET /api/search`. */
@Injectable()
export class SearchRegistry {
  private readonly providers = new Map<SearchType, SearchProvider>();

  register(provider: SearchProvider): void {
    this.providers.set(provider.type, provider);
  }

  get(type: SearchType): SearchProvider | undefined {
    return this.providers.get(type);
  }

  types(): SearchType[] {
    return [...this.providers.keys()];
  }
}
