/**
 * Says plainly that answers are extracted, not generated, while no model API is configured, and how to configure
 * a model (a new chat's empty state; elsewhere the header's OfflineBadge says it in one word).
 */
export function OfflineNotice() {
  return (
    <p
      data-testid="offline-notice"
      className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
    >
      Offline mode: no model API is configured, so answers are extracted word for word from your documents and
      embeddings are computed locally. Set <code>OPENAI_API_KEY</code> or <code>OPENAI_BASE_URL</code> for generated
      answers.
    </p>
  );
}
