// The scaffold in a real browser: `kiln new`, served by `wrangler dev` on
// workerd, driven by headless Chromium (Debian's, through playwright-core):
// fill the form, submit, follow the redirect, see the flash from the session
// and the note from KV. Leaves a screenshot in tests/artifacts/scaffold.png.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { chromium } from 'playwright-core';
import { ROOT, startWrangler } from '../support/helpers.mjs';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACT = path.join(ROOT, 'tests/artifacts/scaffold.png');
let server;
let browser;
let tmp;

after(async () => {
  await browser?.close();
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('headless Chromium: the scaffold form posts, redirects and shows the flash', { skip: !fs.existsSync(CHROMIUM) && `${CHROMIUM} missing: run scripts/setup` }, async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-e2e-'));
  const app = path.join(tmp, 'blog');
  const made = spawnSync(process.execPath, [path.join(ROOT, 'js/cli/main.js'), 'new', app], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  // wrangler's build step runs this checkout's kiln (the app has no node_modules).
  const toml = path.join(app, 'wrangler.toml');
  fs.writeFileSync(toml, fs.readFileSync(toml, 'utf8').replace('command = "npx kiln build"', `command = "node ${path.join(ROOT, 'js/cli/main.js')} build"`));
  server = await startWrangler(app);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  const page = await browser.newPage();
  const home = await page.goto(server.url);
  assert.equal(home.status(), 200);
  assert.equal(await page.title(), 'blog');

  await page.fill('input[name="text"]', 'Water the <plants>');
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/notes') && r.request().method() === 'POST'),
    page.click('form button'),
  ]);
  assert.ok([302, 303].includes(answer.status()), `POST /notes answered ${answer.status()}`);
  await page.waitForSelector('p.notice');
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.textContent('p.notice'), 'Saved: Water the <plants>');  // escaped by h, shown as text
  assert.deepEqual(await page.$$eval('ul.notes li', (lis) => lis.map((li) => li.textContent)), ['Water the <plants>']);
  assert.equal(await page.$$eval('ul.notes b, ul.notes plants', (els) => els.length), 0);

  fs.mkdirSync(path.dirname(ARTIFACT), { recursive: true });
  fs.rmSync(ARTIFACT, { force: true });
  await page.screenshot({ path: ARTIFACT, fullPage: true });
  const png = fs.readFileSync(ARTIFACT);
  assert.ok(png.length > 1000, `screenshot is ${png.length} bytes`);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  // The flash shows once: a reload has the note but no notice.
  await page.reload();
  assert.equal(await page.locator('p.notice').count(), 0);
  assert.equal(await page.locator('ul.notes li').count(), 1);
});
