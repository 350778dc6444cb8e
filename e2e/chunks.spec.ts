import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations } from './pages/accessibility';
import { ChatPage, ingestDocument } from './pages/chat-page';
import { DocumentViewerPage } from './pages/document-viewer-page';
import { inEachLook } from './pages/looks';

/**
 * Seeing and fixing what a document became: its passages with their token counts, a passage corrected by hand and
 * searched by its new words, a passage left out of search, and a tag that narrows the chat to some documents.
 */
inEachLook((look) => {
  test.describe.configure({ timeout: 120_000 });
  // Every look adds its own documents to the same library: their words must not answer the other look's questions.
  const mark = look.colorScheme === 'light' ? 'amber' : 'violet';

  test('a writer corrects a passage: it is marked edited and the chat answers from the new words at once', async ({ page, request }, testInfo) => {
    const id = await ingestDocument(request, {
      title: `Ferry timetable (${mark})`,
      text: `The ${mark} ferry leaves the north pier at nine. Tickets are sold on board. Bicycles travel free of charge.`,
    });
    const viewer = new DocumentViewerPage(page);
    await viewer.goto(id);
    await viewer.showPassages();
    await expect(viewer.passage(1).getByTestId('passage-tokens')).toHaveText(/^\d+ tokens$/);

    await viewer.passage(1).getByRole('button', { name: 'Edit Passage 1' }).click();
    await expectNoSeriousViolations(page, testInfo, `chunk-editor-${look.colorScheme}`);
    await viewer.passage(1).getByRole('button', { name: 'Cancel' }).click();

    await viewer.editPassage(1, `The ${mark} ferry leaves the south quay at half past ten from the winter harbour.`);
    await expect(viewer.passage(1)).toHaveAttribute('data-edited', 'true');
    await expect(viewer.passage(1).getByTestId('passage-edited')).toHaveText('Edited');
    await expect(viewer.passage(1).getByTestId('passage-text')).toContainText('half past ten from the winter harbour');
    await viewer.screenshot(testInfo, `chunk-edited-${look.colorScheme}`);

    const chat = new ChatPage(page);
    await chat.goto();
    await chat.ask(`Where does the ${mark} ferry leave from?`);
    await chat.expectAnswered();
    await expect(chat.answerText()).toContainText('south quay');
    await expect(chat.answerText()).not.toContainText('north pier');
  });

  test('a writer excludes a passage from search: it is struck through, and included again on request', async ({ page, request }, testInfo) => {
    const id = await ingestDocument(request, {
      title: `Lock keeper notes (${mark})`,
      text: `The ${mark} lock keeper opens the gates at dawn and closes them at dusk.`,
    });
    const viewer = new DocumentViewerPage(page);
    await viewer.goto(id);
    await viewer.showPassages();

    await viewer.toggleExcluded(1, 'Exclude from search');
    await expect(viewer.passage(1)).toHaveAttribute('data-excluded', 'true');
    await expect(viewer.passage(1).getByTestId('passage-excluded')).toHaveText('Excluded from search');
    await expect(viewer.passage(1).getByTestId('passage-text')).toHaveCSS('text-decoration-line', 'line-through');
    await expectNoSeriousViolations(page, testInfo, `chunk-excluded-${look.colorScheme}`);
    await viewer.screenshot(testInfo, `chunk-excluded-${look.colorScheme}`);

    const chat = new ChatPage(page);
    await chat.goto();
    await chat.ask(`When does the ${mark} lock keeper open the gates?`);
    await chat.expectAnswered();
    // The other look's keeper may answer (its passage is searchable); this one's may not.
    await expect(chat.answerText()).not.toContainText(`${mark} lock keeper opens the gates`);

    await viewer.goto(id);
    await viewer.showPassages();
    await viewer.toggleExcluded(1, 'Include in search');
    await expect(viewer.passage(1)).not.toHaveAttribute('data-excluded', 'true');
    await expect(viewer.passage(1).getByTestId('passage-text')).toHaveCSS('text-decoration-line', 'none');
  });

  test('a document is tagged in the viewer, shows the tag in the library, and the chat can ask only tagged documents', async ({ page, request }, testInfo) => {
    const tag = `Harbour ${mark}`;
    const tagged = await ingestDocument(request, {
      title: `Crane rules (${mark})`,
      text: `The ${mark} harbour crane lifts at most twelve tonnes and never in wind above force six.`,
    });
    await ingestDocument(request, {
      title: `Crane brochure (${mark})`,
      text: `The ${mark} harbour crane is painted yellow and lifts containers for the ${mark} shipping line.`,
    });
    const viewer = new DocumentViewerPage(page);
    await viewer.goto(tagged);
    await viewer.addTag(`  ${tag} `);
    await expect(viewer.tags.getByTestId('tag-chip')).toHaveCount(1);
    await expect(viewer.tags.getByTestId('tag-chip')).toContainText(`harbour ${mark}`);
    await expectNoSeriousViolations(page, testInfo, `document-tags-${look.colorScheme}`);

    await page.goto(`/documents?tag=${encodeURIComponent(`harbour ${mark}`)}`);
    const rows = page.getByTestId('document-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-document-id', tagged);
    await expect(rows.first().getByTestId('tag-chip')).toContainText(`harbour ${mark}`);
    await expect(page.getByLabel('Tag', { exact: true })).toHaveValue(`harbour ${mark}`);

    const chat = new ChatPage(page);
    await chat.goto();
    await chat.chooseTag(`harbour ${mark}`);
    await chat.ask(`What colour is the ${mark} harbour crane?`);
    await chat.expectAnswered();
    const chips = chat.citationChips();
    await expect(chips.first()).toBeVisible();
    await chat.previewCitation(chips.first());
    await expect(chat.citationCard.getByTestId('citation-card-title')).toHaveText(`Crane rules (${mark})`);
    await expect(chat.answerText()).not.toContainText('painted yellow');
    await expectNoSeriousViolations(page, testInfo, `chat-tag-filter-${look.colorScheme}`);
    await chat.screenshot(`chat-tag-filter-${look.colorScheme}`);
  });
});
