'use client';

import { useId, useState } from 'react';
import { FormAlert } from '@/app/_components/form-alert';
import { buttonStyles, inputStyles } from '@/app/_components/styles';

/** The chunk's whole text in a box to change; saved, it is embedded again and searched by its new words at once. */
export function ChunkEditor({
  label,
  initial,
  saving,
  error,
  onSave,
  onCancel,
}: {
  label: string;
  initial: string;
  saving: boolean;
  error: string | null;
  onSave: (content: string) => void;
  onCancel: () => void;
}) {
  const [content, setContent] = useState(initial);
  const id = useId();
  return (
    <form
      className="space-y-2"
      data-testid="chunk-editor"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(content);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <textarea
        id={id}
        autoFocus
        value={content}
        onChange={(event) => setContent(event.target.value)}
        rows={Math.min(16, Math.max(4, Math.ceil(initial.length / 80)))}
        className={`${inputStyles} w-full font-mono leading-6`}
      />
      {error && <FormAlert>{error}</FormAlert>}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonStyles.primary} disabled={saving || content.trim().length === 0}>
          {saving ? 'Saving…' : 'Save passage'}
        </button>
        <button type="button" className={buttonStyles.secondary} disabled={saving} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
