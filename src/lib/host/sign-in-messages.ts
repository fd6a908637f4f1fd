// What the login page says when Supabase Auth refuses: by error code, never the raw server text.
export const NOT_A_HOST_MESSAGE =
  'This account is not a host account, so it cannot run the bar. Sign in with the host account (create it with `npx barkeep host add`).';

export function signInErrorMessage(error: { code?: string; status?: number }): string {
  switch (error.code) {
    case 'invalid_credentials':
      return 'Wrong email or password.';
    case 'over_request_rate_limit':
      return 'Too many failed attempts. Wait a few minutes, then try again.';
    case 'email_not_confirmed':
      return 'This account is not confirmed yet.';
    case 'user_banned':
      return 'This account is blocked.';
    default:
      return error.status === 0 || (error.status ?? 500) >= 500
        ? 'Cannot reach the sign-in service right now. Try again in a moment.'
        : 'Sign-in failed. Check your email and password.';
  }
}
