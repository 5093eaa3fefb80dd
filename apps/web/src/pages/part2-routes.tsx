import type { ComponentType, ReactNode } from 'react';
import { Route } from 'react-router';
import { AdminPage } from './AdminPage';
import { CuratorPage } from './CuratorPage';
import { MentoringDashboardPage } from './MentoringDashboardPage';
import { MentoringOverviewPage } from './MentoringOverviewPage';
import { ProposeMentorshipPage } from './ProposeMentorshipPage';
import { ThreadsPage } from './ThreadsPage';

/**
 * The part-2 routes beyond the contract's deep links (which App.tsx already has). A function
 * returning <Route> elements (not a component): react-router's <Routes> reads Route children only.
 */
export function Part2Routes(RequireAuth: ComponentType<{ children: ReactNode }>) {
  return [
    <Route
      key="threads"
      path="/diskusi"
      element={
        <RequireAuth>
          <ThreadsPage />
        </RequireAuth>
      }
    />,
    <Route
      key="dash"
      path="/pendampingan/dasbor"
      element={
        <RequireAuth>
          <MentoringDashboardPage />
        </RequireAuth>
      }
    />,
    <Route
      key="nat"
      path="/pendampingan/nasional"
      element={
        <RequireAuth>
          <MentoringOverviewPage />
        </RequireAuth>
      }
    />,
    <Route
      key="new"
      path="/pendampingan/baru"
      element={
        <RequireAuth>
          <ProposeMentorshipPage />
        </RequireAuth>
      }
    />,
    <Route
      key="cur"
      path="/kurator"
      element={
        <RequireAuth>
          <CuratorPage />
        </RequireAuth>
      }
    />,
    <Route
      key="adm"
      path="/admin"
      element={
        <RequireAuth>
          <AdminPage />
        </RequireAuth>
      }
    />,
  ];
}
