/**
 * Files of a drop, folders included: a dropped folder is walked (the File and Directory Entries API, the only way a
 * browser lets a page read a dropped folder) and each file remembers its path in it, as a folder chosen with the
 * directory picker does (webkitRelativePath).
 */

const droppedPaths = new WeakMap<File, string>();

/** The name a file is uploaded under: its path in the folder it came from, or its own name. */
export function uploadName(file: File): string {
  return file.webkitRelativePath || droppedPaths.get(file) || file.name;
}

/** Whether the file came from a folder (picked or dropped): such uploads skip unreadable files instead of failing. */
export function fromFolder(file: File): boolean {
  return uploadName(file) !== file.name;
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** A folder's entries: readEntries answers in pages (about 100 at a time in Chrome) until an empty one. */
async function childrenOf(folder: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = folder.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const page = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (page.length === 0) return all;
    all.push(...page);
  }
}

async function walk(entry: FileSystemEntry, into: File[]): Promise<void> {
  if (entry.isFile) {
    const file = await fileOf(entry as FileSystemFileEntry);
    droppedPaths.set(file, entry.fullPath.replace(/^\//, ''));
    into.push(file);
  } else if (entry.isDirectory) {
    for (const child of await childrenOf(entry as FileSystemDirectoryEntry)) await walk(child, into);
  }
}

/** Every file dropped, those inside dropped folders too. Read before the event handler returns (entries expire after). */
export function filesOfDrop(data: DataTransfer): Promise<File[]> {
  const entries = Array.from(data.items)
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null))
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0 || entries.every((entry) => entry.isFile)) return Promise.resolve(Array.from(data.files));
  return (async () => {
    const files: File[] = [];
    for (const entry of entries) await walk(entry, files);
    return files;
  })();
}
