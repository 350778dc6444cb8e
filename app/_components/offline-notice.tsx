/**
 * Says plainly that answers are extracted, not generated, while no model API is configured. `compact` is the
 * one-line form shown above a conversation; the full form explains how to configure a model.
 */
export function OfflineNotice({ compact = false }: { compact?: boolean }) {
  if (compact) {
    return (
      <p
        data-testid="offline-notice"
        className="flex items-center gap-2 border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/60 dark:text-amber-200"
      >
        <span aria-hidden className="size-1.5 shrink-0 rounded-full bg-amber-500" />
        <span>
          <strong className="font-semibold">Offline mode:</strong> answers are quoted word for word from your documents,
          not generated.
        </span>
      </p>
    );
  }
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
