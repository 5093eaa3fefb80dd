import { lazy, Suspense, useRef, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useAuth } from './auth/session';
import { Layout } from './components/Layout';
import { Loading } from './components/States';
import { AcceptInvitationPage, ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from './pages/AccountPages';
import { CataloguePage } from './pages/CataloguePage';
import { HomePage } from './pages/HomePage';
import { InnovationPage } from './pages/InnovationPage';
import { MentorshipPage } from './pages/MentorshipPage';
import { ModerationPage } from './pages/ModerationPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { ReplicationPage } from './pages/ReplicationPage';
import { SignInPage } from './pages/SignInPage';
import { ThreadPage } from './pages/ThreadPage';
import { EvidenceRoutes } from './pages/evidence/routes';
import { Part2Routes } from './pages/part2-routes';

// The editor (Tiptap, ProseMirror, Yjs) is the heaviest part: its own chunk, loaded on demand.
const PlaybookPage = lazy(() => import('./pages/PlaybookPage'));
const ProfilePage = lazy(() => import('./pages/ProfilePage').then((m) => ({ default: m.ProfilePage })));

/**
 * Sends a signed-out visitor to /masuk, coming back here afterwards. With `keep`, a screen that
 * was open when the session ended stays (the editor keeps unsaved text and asks to sign in).
 */
export function RequireAuth({ children, keep }: { children: ReactNode; keep?: boolean }) {
  const { session } = useAuth();
  const location = useLocation();
  const wasIn = useRef(false);
  if (session) wasIn.current = true;
  if (!session && !(keep && wasIn.current))
    return <Navigate to={`/masuk?kembali=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

export function App() {
  return (
    <Routes>
      <Route path="/masuk" element={<SignInPage mode="signIn" />} />
      <Route path="/daftar" element={<SignInPage mode="register" />} />
      <Route path="/lupa-sandi" element={<ForgotPasswordPage />} />
      <Route path="/atur-ulang-sandi" element={<ResetPasswordPage />} />
      <Route path="/verifikasi-email" element={<VerifyEmailPage />} />
      <Route path="/undangan" element={<AcceptInvitationPage />} />
      <Route element={<Layout />}>
        <Route
          path="/"
          element={
            <RequireAuth>
              <HomePage />
            </RequireAuth>
          }
        />
        <Route path="/katalog" element={<CataloguePage />} />
        <Route path="/inovasi/:id" element={<InnovationPage />} />
        <Route
          path="/replikasi/:id"
          element={
            <RequireAuth>
              <ReplicationPage />
            </RequireAuth>
          }
        />
        <Route
          path="/playbooks/:id"
          element={
            <RequireAuth keep>
              <Suspense fallback={<Loading />}>
                <PlaybookPage />
              </Suspense>
            </RequireAuth>
          }
        />
        <Route
          path="/diskusi/:threadId"
          element={
            <RequireAuth>
              <ThreadPage />
            </RequireAuth>
          }
        />
        <Route
          path="/pendampingan/:id"
          element={
            <RequireAuth>
              <MentorshipPage />
            </RequireAuth>
          }
        />
        <Route
          path="/moderasi"
          element={
            <RequireAuth>
              <ModerationPage />
            </RequireAuth>
          }
        />
        <Route
          path="/notifikasi"
          element={
            <RequireAuth>
              <NotificationsPage />
            </RequireAuth>
          }
        />
        <Route
          path="/profil"
          element={
            <RequireAuth>
              <Suspense fallback={<Loading />}>
                <ProfilePage />
              </Suspense>
            </RequireAuth>
          }
        />
        {Part2Routes(RequireAuth)}
        {EvidenceRoutes(RequireAuth)}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
