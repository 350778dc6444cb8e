/** What a member sees on the admin pages instead of them. */
export function NotAnAdmin() {
  return (
    <div className="mx-auto max-w-sm space-y-2 py-8" data-testid="not-an-admin">
      <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
      <p className="text-zinc-600 dark:text-zinc-400">This page is for administrators. Ask one to change your role if you need it.</p>
    </div>
  );
}
