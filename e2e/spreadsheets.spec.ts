import { expect, test } from '@playwright/test';
import { xlsx } from '../test/support/office-files';
import { expectNoSeriousViolations } from './pages/accessibility';
import { ChatPage } from './pages/chat-page';
import { inEachLook } from './pages/looks';

test.describe.configure({ timeout: 90_000 });

const WOODS = ['Walnut', 'Oak', 'Maple', 'Cherry', 'Birch', 'Ash', 'Elm', 'Pine', 'Teak', 'Beech'];
const PIECES = ['desk', 'chair', 'shelf', 'stool', 'bench'];

/**
 * A catalogue of 60 rows whose prices and last product differ per look, so each look uploads a workbook of its own
 * and asks about a row only its workbook has (both stay in the library the specs share).
 */
function catalogue(offset: number, lastPiece: string): Buffer {
  const rows = [...PIECES, lastPiece].flatMap((piece, p) => WOODS.map((wood, w) => [`${wood} ${piece}`, 40 + offset + p * 50 + w * 7, `Aisle ${p + 1}${String.fromCharCode(65 + w)}`]));
  return Buffer.from(xlsx([{ name: 'Catalogue', rows: [['Product', 'Price (EUR)', 'Warehouse'], ...rows] }]));
}

inEachLook((look) => {
  test('a user attaches a spreadsheet, asks for one row’s price, and the cited source is that sheet’s row under its header', async ({ page }, testInfo) => {
    const offset = look.colorScheme === 'light' ? 1000 : 2000;
    const piece = look.colorScheme === 'light' ? 'cabinet' : 'wardrobe';
    const price = String(40 + offset + 5 * 50 + 8 * 7); // the Teak cabinet (or wardrobe)
    const name = `catalogue-${look.colorScheme}-${Date.now()}.xlsx`;
    const chat = new ChatPage(page);
    await chat.goto();

    await test.step('they attach the workbook from the chat and it becomes ready', async () => {
      await chat.attachFile({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: catalogue(offset, piece) });
      await expect(chat.uploadRow(name).getByTestId('upload-state')).toHaveText('Ready', { timeout: 60_000 });
    });

    await test.step('they ask for the price of one product; the answer gives it and cites the sheet', async () => {
      await chat.ask(`What is the price of the Teak ${piece}?`);
      await chat.expectAnswered();
      await expect(chat.answerText()).toContainText(price);
      await expect(chat.citationChips()).not.toHaveCount(0);
    });

    await test.step('the cited passage is the row, under the sheet’s name and column names', async () => {
      await chat.citationChips().first().click();
      await expect(chat.sourcePanel).toBeVisible();
      const content = chat.sourcePanel.getByTestId('source-content');
      await expect(content).toContainText('Sheet: Catalogue');
      await expect(content).toContainText('Product | Price (EUR) | Warehouse');
      await expect(content).toContainText(`Teak ${piece} | ${price} | Aisle 6I`);
      await expectNoSeriousViolations(page, testInfo, `spreadsheet-source-${look.colorScheme}`);
      await chat.screenshot(`spreadsheet-source-${look.colorScheme}-${look.viewport.width}`);
    });
  });
});
