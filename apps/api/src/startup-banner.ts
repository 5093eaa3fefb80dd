/** The short banner a person sees on a terminal once the app listens. */
export function startupBanner(url: string, demo?: { password: string; accounts: { email: string; roles: string[] }[] }): string {
  const lines = ['', `  JIPPNas Kolaborasi  ${url}`, `  API docs            ${url}/api/docs`];
  if (demo?.accounts.length) {
    lines.push(`  Demo accounts       password ${demo.password}`);
    const width = Math.max(...demo.accounts.map((a) => a.email.length));
    for (const a of demo.accounts) lines.push(`    ${a.email.padEnd(width)}  ${a.roles.join(', ')}`);
  }
  return lines.join('\n') + '\n\n';
}
