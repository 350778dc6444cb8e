import { expect, test } from '@playwright/test';
import { EmbeddingsPanel, reembedProgress } from './pages/embeddings-panel';
import { inOneLook } from './pages/looks';

const HASHED = 'docent-hash-v1';
const ENCODER = 'docent-use-lite-v1';

// Progress and the switch of vectors are the point, not the layout: the documents and admin pages are laid out in
// every look by the accessibility spec. One look, as each re-embed runs over the whole shared library twice.
inOneLook('phone, dark', (look) => {
  test('an administrator re-embeds the library with the sentence encoder; searches keep answering and the documents page shows how far it has got', async ({ page, request }, testInfo) => {
    test.setTimeout(300_000);
    const panel = new EmbeddingsPanel(page);
    const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}-${look.colorScheme}.png`), fullPage: true });

    await test.step('the library holds a few notes, embedded by the hashed embedder', async () => {
      for (let i = 0; i < 12; i++) {
        const res = await request.post('/ingest', {
          data: { title: `Lighthouse log ${look.colorScheme} ${i}`, text: `Entry ${i}: the keeper trimmed the wick of the lamp and wound the clockwork at dusk. Fog signal tested ${i} times.` },
        });
        expect(res.ok(), await res.text()).toBe(true);
      }
      await panel.goto();
      await panel.expectLibraryIn(HASHED);
      await shot('admin-embeddings');
    });

    await test.step('starting a re-embed shows its progress on the admin page', async () => {
      await panel.reembedWith(ENCODER);
      await expect(panel.status).toContainText(`Re-embedding with ${ENCODER}`);
    });

    await test.step('the documents page says how far it has got, and that searches use the old vectors meanwhile', async () => {
      await page.goto('/documents');
      const progress = reembedProgress(page);
      await expect(progress.section).toContainText(`Re-embedding the library with ${ENCODER}`);
      await expect(progress.section).toContainText(`Searches use ${HASHED}`);
      await expect(progress.bar).toHaveAttribute('aria-valuenow', /^\d+$/);
      await shot('documents-reembedding');
      const chat = await request.post('/chat', { data: { session_id: `reembed-${look.colorScheme}`, message: 'Who trimmed the wick of the lamp?' } });
      expect(chat.ok(), await chat.text()).toBe(true);
      expect((await chat.json()).sources.length).toBeGreaterThan(0);
    });

    await test.step('when every passage has its new vector, the library switches and the progress line goes', async () => {
      await panel.goto();
      await panel.expectLibraryIn(ENCODER, 240_000);
      await page.goto('/documents');
      await expect(reembedProgress(page).section).toHaveCount(0);
      const chat = await request.post('/chat', { data: { session_id: `reembed-after-${look.colorScheme}`, message: 'Who trimmed the wick of the lamp?' } });
      expect((await chat.json()).sources[0].title).toMatch(/^Lighthouse log/);
    });

    await test.step('and back to the hashed embedder, as the other stories expect', async () => {
      await panel.goto();
      await panel.reembedWith(HASHED);
      await panel.expectLibraryIn(HASHED, 240_000);
    });
  });
});
