/** The kinds of document people filter by, in the library and in the chat (db/queries/document-library.ts's names). */
export const DOCUMENT_TYPE_OPTIONS = [
  { value: 'pdf', label: 'PDF' },
  { value: 'docx', label: 'Word' },
  { value: 'pptx', label: 'PowerPoint' },
  { value: 'xlsx', label: 'Excel' },
  { value: 'ods', label: 'OpenDocument spreadsheet' },
  { value: 'csv', label: 'CSV' },
  { value: 'odt', label: 'OpenDocument text' },
  { value: 'epub', label: 'EPUB' },
  { value: 'rtf', label: 'RTF' },
  { value: 'html', label: 'HTML' },
  { value: 'markdown', label: 'Markdown' },
  { value: 'text', label: 'Plain text' },
  { value: 'png', label: 'PNG image' },
  { value: 'jpeg', label: 'JPEG image' },
  { value: 'tiff', label: 'TIFF image' },
  { value: 'webp', label: 'WebP image' },
] as const;
