/**
 * Docent's icon and social image, written into public/: icon.svg (the mark), favicon.ico (16, 32 and 48 px),
 * apple-touch-icon.png (180 px) and og-image.png (1200x630). Run `npx tsx scripts/make-brand-assets.ts` after
 * changing the mark and commit the outputs. There is no image library here: Chromium (Debian's, as for the e2e)
 * draws the PNGs and the ICO is assembled below.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';

const PUBLIC = path.join(import.meta.dirname, '..', 'public');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const DESCRIPTION = 'Chat with your documents: streamed answers with citations.';

/**
 * The mark: a page with a folded corner that is also a speech bubble, its last line ending in a citation dot.
 * Drawn on a 32-unit grid with 2-unit strokes so the lines land on whole pixels at 16 and 32 px. Like the app's
 * primary buttons it inverts in dark mode (zinc-100 tile, zinc-900 page).
 */
function markSvg({ corner = 7, size }: { corner?: number; size?: number } = {}): string {
  const dimensions = size ? ` width="${size}" height="${size}"` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"${dimensions}>
  <title>Docent</title>
  <style>
    .tile { fill: #18181b; } .page { fill: #fafafa; } .fold { fill: #a1a1aa; } .lines { stroke: #71717a; } .cite { fill: #0ea5e9; }
    @media (prefers-color-scheme: dark) {
      .tile { fill: #f4f4f5; } .page { fill: #18181b; } .fold { fill: #71717a; } .lines { stroke: #a1a1aa; } .cite { fill: #38bdf8; }
    }
  </style>
  <rect class="tile" width="32" height="32" rx="${corner}"/>
  <path class="page" d="M10 6H18L24 12V20a2 2 0 0 1-2 2H15l-5 4v-4a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2Z"/>
  <path class="fold" d="M18 6V10.5a1.5 1.5 0 0 0 1.5 1.5H24Z"/>
  <path class="lines" d="M13 11H15M13 15H19M13 19H15" fill="none" stroke-width="2" stroke-linecap="round"/>
  <circle class="cite" cx="19.5" cy="19" r="2"/>
</svg>
`;
}

/** Geist, as bundled with Next (its dev overlay's variable 400-600 font); the system sans if a Next upgrade moves it. */
function geistFontFace(): string {
  const next = path.dirname(createRequire(import.meta.url).resolve('next/package.json'));
  const file = path.join(next, 'dist/next-devtools/server/font/geist-latin.woff2');
  if (!existsSync(file)) {
    console.warn(`Geist not found at ${file}; the social image falls back to the system sans.`);
    return '';
  }
  const data = readFileSync(file).toString('base64');
  return `@font-face { font-family: Geist; font-weight: 400 600; src: url(data:font/woff2;base64,${data}) format('woff2'); }`;
}

/** A mock answer from the e2e's harbour handbook, so the image shows what Docent does. */
function ogImageHtml(): string {
  const chip = (n: number) => `<span class="chip">${n}</span>`;
  return `<!doctype html>
<html>
<head>
<style>
  ${geistFontFace()}
  * { box-sizing: border-box; margin: 0; }
  html, body { width: 1200px; height: 630px; }
  body {
    display: flex; align-items: center; gap: 64px; padding: 0 80px;
    font-family: Geist, ui-sans-serif, system-ui, sans-serif; color: #fafafa;
    background: radial-gradient(circle at 82% 18%, #27272a 0, #09090b 62%);
  }
  .brand { flex: 1; }
  .brand svg { display: block; border-radius: 26px; box-shadow: 0 0 0 1px #3f3f46; }
  h1 { margin-top: 36px; font-size: 96px; font-weight: 600; letter-spacing: -0.035em; line-height: 1; }
  .brand p { margin-top: 24px; max-width: 540px; font-size: 34px; line-height: 1.3; color: #a1a1aa; }
  .chat {
    width: 420px; padding: 28px; border-radius: 24px; border: 1px solid #27272a; background: #18181b;
    display: flex; flex-direction: column; gap: 22px; font-size: 21px; line-height: 1.5;
  }
  .question {
    align-self: flex-end; max-width: 90%; padding: 12px 18px; border-radius: 20px 20px 6px 20px;
    background: #f4f4f5; color: #18181b;
  }
  .answer { color: #e4e4e7; }
  .chip {
    display: inline-flex; align-items: center; justify-content: center; min-width: 24px; height: 24px;
    padding: 0 6px; border-radius: 999px; background: #3f3f46; color: #fafafa; font-size: 14px; font-weight: 600;
    vertical-align: 2px;
  }
  .source { display: flex; align-items: center; gap: 10px; font-size: 17px; color: #a1a1aa; }
  .source .chip { background: #0ea5e9; color: #09090b; }
</style>
</head>
<body>
  <div class="brand">
    ${markSvg({ size: 112 })}
    <h1>Docent</h1>
    <p>${DESCRIPTION}</p>
  </div>
  <div class="chat">
    <p class="question">How long can visiting yachts stay on the buoys?</p>
    <p class="answer">Up to two nights on the white buoys in the outer harbour ${chip(1)}. To stay longer, ask the
      harbour master for a pontoon berth before the second evening ${chip(1)}.</p>
    <p class="source">${chip(1)} Harbour handbook</p>
  </div>
</body>
</html>`;
}

async function screenshot(
  browser: Browser,
  html: string,
  { width, height, colorScheme }: { width: number; height: number; colorScheme: 'light' | 'dark' },
): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width, height }, colorScheme });
  await page.setContent(html);
  await page.evaluate(() => document.fonts.ready);
  const png = await page.screenshot({ omitBackground: true });
  await page.close();
  return png;
}

const iconPage = (svg: string) => `<!doctype html><style>html, body { margin: 0; background: transparent; }
svg { display: block; }</style>${svg}`;

/**
 * An ICO whose images are PNG files (valid since Windows Vista and read by every browser): a 6-byte header, a
 * 16-byte directory entry per image, then the PNGs as they are.
 */
function ico(images: Array<{ size: number; png: Buffer }>): Buffer {
  const directory = Buffer.alloc(6 + 16 * images.length);
  directory.writeUInt16LE(0, 0);
  directory.writeUInt16LE(1, 2); // 1: icon (2 would be a cursor)
  directory.writeUInt16LE(images.length, 4);
  let offset = directory.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    directory.writeUInt8(size % 256, entry); // width; 0 means 256
    directory.writeUInt8(size % 256, entry + 1); // height
    directory.writeUInt8(0, entry + 2); // no palette
    directory.writeUInt8(0, entry + 3); // reserved
    directory.writeUInt16LE(1, entry + 4); // colour planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(png.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([directory, ...images.map((image) => image.png)]);
}

async function main() {
  mkdirSync(PUBLIC, { recursive: true });
  writeFileSync(path.join(PUBLIC, 'icon.svg'), markSvg());

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const favicons = [];
    for (const size of [16, 32, 48]) {
      const png = await screenshot(browser, iconPage(markSvg({ size })), { width: size, height: size, colorScheme: 'light' });
      favicons.push({ size, png });
    }
    writeFileSync(path.join(PUBLIC, 'favicon.ico'), ico(favicons));

    // iOS rounds the corners itself and fills transparency with black: a square, opaque tile.
    const touch = await screenshot(browser, iconPage(markSvg({ corner: 0, size: 180 })), {
      width: 180,
      height: 180,
      colorScheme: 'light',
    });
    writeFileSync(path.join(PUBLIC, 'apple-touch-icon.png'), touch);

    const og = await screenshot(browser, ogImageHtml(), { width: 1200, height: 630, colorScheme: 'dark' });
    writeFileSync(path.join(PUBLIC, 'og-image.png'), og);
  } finally {
    await browser.close();
  }
  console.log(`Wrote icon.svg, favicon.ico, apple-touch-icon.png and og-image.png to ${PUBLIC}`);
}

await main();
