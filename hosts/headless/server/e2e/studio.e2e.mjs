// #12: a customer's co-creation flow through the web studio in headless Chromium, against a real
// `tessera serve`: prompt → four variants appear → pick one → adjust (repeat width, repeat type) →
// see it at real size → approve → download the report. Screenshots of each step land in OUTDIR.
// Usage: node studio.e2e.mjs SERVER_URL TOKEN OUTDIR   (exit 0 when the flow completes)
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [url, token, out] = process.argv.slice(2);
if (!url || !token || !out) {
  console.error('usage: node studio.e2e.mjs SERVER_URL TOKEN OUTDIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
// The flags this machine kind needs (closed network, root, no GPU): see the project's build notes.
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const fail = async (page, what) => {
  await page.screenshot({ path: join(out, 'failure.png'), fullPage: true }).catch(() => {});
  console.error('studio e2e: ' + what);
  await browser.close();
  process.exit(1);
};
const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
page.on('pageerror', (e) => console.error('page error: ' + e.message));
try {
  await page.goto(url + 'studio/');
  await page.fill('#token', token);
  await page.dispatchEvent('#token', 'change');
  await page.fill('#prompt', 'minimalist floral, nordic palette, half-drop');
  await page.click('#generate');
  await page.waitForFunction(() => document.querySelectorAll('.variant.ready').length === 4, null, { timeout: 180000 });
  const errors = await page.textContent('#status');
  if (!/4 of 4 variants ready/.test(errors)) await fail(page, 'status after generation: ' + errors);
  await page.screenshot({ path: join(out, '1-variants.png'), fullPage: true });

  await page.click('.variant.ready >> nth=1');
  await page.waitForFunction(() => /seed -?\d+/.test(document.getElementById('picked-info').textContent), null,
    { timeout: 60000 });
  await page.$eval('#scale', (el) => { el.value = '16'; el.dispatchEvent(new Event('input')); });
  await page.selectOption('#repeat', 'half-drop');
  await page.click('#apply');
  await page.waitForFunction(() => /16 cm repeat/.test(document.getElementById('picked-info').textContent), null,
    { timeout: 120000 });
  // the real-size canvas shows the tile: some of its pixels are not blank
  const inked = await page.$eval('#real', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 250 || d[i + 1] < 250 || d[i + 2] < 250)) n++;
    return n / (d.length / 4);
  });
  if (!(inked > 0.5)) await fail(page, 'the real-size canvas is mostly empty (' + inked + ')');
  await page.screenshot({ path: join(out, '2-adjusted-real-size.png'), fullPage: true });

  await page.click('#approve');
  await page.waitForFunction(() => document.querySelectorAll('#downloads li').length >= 3, null, { timeout: 180000 });
  const names = await page.$$eval('#downloads a', (as) => as.map((a) => a.textContent));
  if (!names.some((n) => n.endsWith('print.tif'))) await fail(page, 'no print file offered: ' + names.join(', '));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=report (job.json)')]);
  const saved = join(out, 'job.json');
  await download.saveAs(saved);
  const record = JSON.parse(readFileSync(saved, 'utf8'));
  if (record.status !== 'succeeded') await fail(page, 'downloaded report says ' + record.status);
  if (record.request.repeat !== 'half-drop' && (record.request.repeat || {}).type !== 'half-drop') {
    await fail(page, 'the approved design lost its half-drop repeat: ' + JSON.stringify(record.request.repeat));
  }
  await page.screenshot({ path: join(out, '3-approved-downloads.png'), fullPage: true });
  console.log('studio e2e: ok (' + names.length + ' files offered, report ' + record.jobId + ')');
} catch (e) {
  await fail(page, e.message);
}
await browser.close();
