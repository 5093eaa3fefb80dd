import type { ReactNode } from 'react';
import { useAuth } from '../../auth/session';
import { Loading } from '../States';

/** Shows its children only to users with one of `roles`; others read `message`. */
export function RoleGuard({ roles, message, children }: { roles: string[]; message: string; children: ReactNode }) {
  const { me, loading } = useAuth();
  if (loading || !me)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (!me.roles.some((r) => roles.includes(r)))
    return (
      <div className="page">
        <div className="alert alert-error" role="alert">
          <p>{message}</p>
        </div>
      </div>
    );
  return <>{children}</>;
}

export const hasRole = (roles: string[] | undefined, ...want: string[]) => !!roles?.some((r) => want.includes(r));
