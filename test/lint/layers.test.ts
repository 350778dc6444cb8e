import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/** `npm run lint` holds the layers (eslint.config.mjs): an import against them fails, one with them passes. */

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the layering rule', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  async function layerErrors(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
    return result!.messages.filter((m) => m.ruleId === 'import/no-restricted-paths').map((m) => m.message);
  }

  it.each([
    ['db/queries/new-query.ts', "import { getConfig } from '@/server/config';"],
    ['db/new-module.ts', "import { getConfig } from '../server/config';"],
    ['server/chat/new-module.ts', "import { submitDocument } from '@/server/ingest/submit';"],
    ['server/ingest/new-module.ts', "import { retrievePassages } from '../chat/retrieve';"],
    ['server/documents/new-module.ts', "import { ROUTES } from '@/server/http/routes';"],
    ['server/new-module.ts', "import { appRouter } from './trpc/root';"],
    ['server/chat/new-module.ts', "import { NextResponse } from 'next/server';"],
    ['server/health-check.ts', "import { TRPCReactProvider } from '@/app/_trpc/react';"],
    ['app/(chat)/_components/new-component.tsx', "import { documents } from '@/db/schema';"],
  ])('refuses %s importing against the layers', async (file, importLine) => {
    expect(await layerErrors(file, `${importLine}\nexport const used = [${importLine.match(/\{ (\w+) \}/)![1]}];\n`)).toHaveLength(1);
  });

  it.each([
    ['server/chat/new-module.ts', "import { embedQuestion } from '@/server/embedding/embed-question';"],
    ['server/http/new-api.ts', "import { findDocuments } from '@/server/documents/documents';"],
    ['server/documents/new-module.ts', "import { getDocument } from '@/db/queries/documents';"],
    ['app/(chat)/_components/new-component.tsx', "import type { ChatSource } from '@/server/chat/types';"],
  ])('allows %s importing with the layers', async (file, importLine) => {
    expect(await layerErrors(file, `${importLine}\nexport const used = [${importLine.match(/\{ (\w+) \}/)![1]}];\n`)).toEqual([]);
  });
});
