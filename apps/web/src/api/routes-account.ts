/** Routes of the account screens reached from mails (reset, verification, invitation). */
export const ACCOUNT_ROUTES = {
  passwordReset: ['POST', '/api/auth/password-reset'],
  passwordResetConfirm: ['POST', '/api/auth/password-reset/confirm'],
  verifyEmailConfirm: ['POST', '/api/auth/verify-email/confirm'],
  acceptInvitation: ['POST', '/api/invitations/accept'],
} as const;
