import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Route } from 'react-router';
import { Loading } from '../../components/States';

// Each evidence page is its own chunk, loaded when opened.
const RefreshPage = lazy(() => import('./RefreshPage'));
const HubPage = lazy(() => import('./HubPage'));
const HubIndexPage = lazy(() => import('./HubPage').then((m) => ({ default: m.HubIndexPage })));

/** Routes of the replication-evidence screens; like Part2Routes, a function returning <Route> elements. */
export function EvidenceRoutes(RequireAuth: ComponentType<{ children: ReactNode }>) {
  const page = (el: ReactNode) => (
    <RequireAuth>
      <Suspense fallback={<Loading />}>{el}</Suspense>
    </RequireAuth>
  );
  return [
    <Route key="refresh" path="/pemutakhiran" element={page(<RefreshPage />)} />,
    <Route key="hub" path="/hub" element={page(<HubIndexPage />)} />,
    <Route key="hubUnit" path="/hub/:unitId" element={page(<HubPage />)} />,
  ];
}
