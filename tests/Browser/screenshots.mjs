// The README's pictures of `selfinstruct view`: node screenshots.mjs URL FOLDER writes view-dataset.png and
// view-evaluation.png of the run the server at URL shows (the README's show the browser test's run, ViewRunFolder).
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [url, folder] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 640 } });
  await page.goto(url + '#tasks?sort=-similarity');
  await page.waitForSelector('#tasks tbody tr');
  await page.screenshot({ path: join(folder, 'view-dataset.png') });
  await page.goto(url + '#evaluation?sort=-difference');
  await page.waitForSelector('#evaluation .evaluation-item');
  await page.screenshot({ path: join(folder, 'view-evaluation.png') });
} finally {
  await browser.close();
}
