import { mkdtempSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Tesseract's trained data comes from npm packages (`@tesseract.js-data/<code>`), installed with Docent, never
 * downloaded: tesseract.js is given a langPath on this machine's disk, so it reads the files instead of fetching
 * them from its default CDN.
 */

// From the project's root, not this file: Next.js bundles this module into .next/, away from node_modules.
const projectRequire = createRequire(join(process.cwd(), 'package.json'));

// LSTM-only, integer-quantised models: a third of the full data's size, faster, and what OEM.LSTM_ONLY runs.
const MODEL_FOLDER = '4.0.0_best_int';

const ocrLanguagePackage = (code: string) => `@tesseract.js-data/${code}`;

function modelDirectory(code: string): string | null {
  try {
    return join(dirname(projectRequire.resolve(`${ocrLanguagePackage(code)}/package.json`)), MODEL_FOLDER);
  } catch {
    return null;
  }
}

/** The packages, among those `codes` need, that are not installed. */
export function missingOcrLanguagePackages(codes: string[]): string[] {
  return codes.filter((code) => modelDirectory(code) === null).map(ocrLanguagePackage);
}

/**
 * A directory holding `<code>.traineddata.gz` for every language. One language: its package's own folder.
 * Several: tesseract.js takes a single langPath while each package has its own folder, so a temporary folder
 * of links to them stands in (tesseract.js's other way, language data passed as bytes, breaks its initialisation).
 */
export function ocrLanguagePath(codes: string[]): string {
  const directories = codes.map((code) => {
    const directory = modelDirectory(code);
    if (!directory) throw new Error(`OCR language ${code}: install ${ocrLanguagePackage(code)}`);
    return directory;
  });
  if (directories.length === 1) return directories[0]!;
  const linked = mkdtempSync(join(tmpdir(), 'docent-ocr-languages-'));
  codes.forEach((code, i) => symlinkSync(join(directories[i]!, `${code}.traineddata.gz`), join(linked, `${code}.traineddata.gz`)));
  return linked;
}
