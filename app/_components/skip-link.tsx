/** The first thing Tab reaches on every page: past the header, straight to the page's content. */
export function SkipLink() {
  return (
    <a
      href="#main"
      className="sr-only rounded-md bg-zinc-900 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:outline-2 focus:outline-offset-2 focus:outline-zinc-900 dark:bg-zinc-100 dark:text-zinc-900 dark:focus:outline-zinc-100"
    >
      Skip to content
    </a>
  );
}
