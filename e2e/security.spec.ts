import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { AdminPage } from './pages/admin-page';
import { ChatPage, ingestDocument } from './pages/chat-page';

/**
 * A document can carry a Markdown image pointing anywhere, and answers quote documents: the browser must never
 * fetch it (that would send whatever the URL holds to its host). And the pages' Content-Security-Policy must hold
 * without breaking them: no violation, no script error, on any page.
 */
test('an image in an answer is never fetched, and no page breaks under its Content-Security-Policy', async ({ page, request }) => {
  let fetched = 0;
  const tracker: Server = createServer((_request, response) => {
    fetched += 1;
    response.writeHead(200, { 'content-type': 'image/gif' }).end(Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'));
  });
  await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
  const { port } = tracker.address() as AddressInfo;
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  try {
    await ingestDocument(request, {
      title: 'Ferry fares',
      text: `Ferry tickets cost nine crowns ![ticket](http://127.0.0.1:${port}/pixel.gif?d=nine-crowns) at the harbour kiosk.`,
    });
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.ask('How much do ferry tickets cost at the harbour kiosk?');
    await chat.expectAnswered();
    await expect(chat.answerText()).toContainText('nine crowns');
    const link = chat.lastAnswer.getByTestId('answer-image-link');
    await expect(link).toContainText(`not loaded, from 127.0.0.1:${port}`);
    await expect(chat.lastAnswer.locator('img')).toHaveCount(0);

    await page.goto('/documents');
    await expect(page.getByRole('heading', { name: 'Documents', level: 1 })).toBeVisible();
    const admin = new AdminPage(page);
    await admin.goto();
    await page.waitForLoadState('networkidle');

    expect(fetched, 'requests that reached the image host').toBe(0);
    expect(problems, 'console errors and CSP violations').toEqual([]);
  } finally {
    await new Promise((resolve) => tracker.close(resolve));
  }
});
