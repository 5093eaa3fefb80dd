import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import { useAuth } from '../../auth/session';

export interface Profile {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
  position: string | null;
  phone: string | null;
  avatarAttachmentId: string | null;
  units: { id: string; name: string; agencyName: string; role: 'admin' | 'member' }[];
}

export const PROFILE_KEY = ['profile'];

/** The signed-in person's profile (`GET /api/me/profile`), shared by the header and /profil. */
export function useProfile() {
  const { session } = useAuth();
  return useQuery({
    queryKey: [...PROFILE_KEY, session?.userId],
    queryFn: () => call<Profile>('profile'),
    enabled: !!session,
    staleTime: 60_000,
  });
}
