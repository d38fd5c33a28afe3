// Renders build/icon.svg into the PNGs electron-builder packages: build/icon.png (1024 px, macOS and
// Windows) and build/icons/<N>x<N>.png (Linux). Uses the Chromium that the e2e tests use; rerun after
// editing the SVG and commit the PNGs (they are source assets, not build output).
//   node scripts/make-icons.mjs
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const svg = readFileSync(join(root, 'build', 'icon.svg'));
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const src = `data:image/svg+xml;base64,${svg.toString('base64')}`;
  mkdirSync(join(root, 'build', 'icons'), { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(join(root, 'build', 'icons', `${size}x${size}.png`), png);
    if (size === 1024) writeFileSync(join(root, 'build', 'icon.png'), png);
    console.log(`build/icons/${size}x${size}.png (${png.length} bytes)`);
  }
} finally {
  await browser.close();
}
