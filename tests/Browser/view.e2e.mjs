// End-to-end check of `selfinstruct view` in headless Chromium (Debian's package), driven by playwright-core:
// node view.e2e.mjs URL CURATION_LOG [SCREENSHOT_DIR]
// It opens the page, checks that markup in a task shows as text, searches, opens a task, is refused a rejection
// without a reason, rejects it, edits an
// output, reads curation.jsonl, and sorts the evaluation. Prints "e2e: ok" and exits 0, or says what failed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [url, curationLog, screenshots] = process.argv.slice(2);
if (!url || !curationLog) {
  console.error('usage: node view.e2e.mjs URL CURATION_LOG [SCREENSHOT_DIR]');
  process.exit(2);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function logLines() {
  return readFileSync(curationLog, 'utf8').split('\n').filter(line => line.length > 0).map(line => JSON.parse(line));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  // Tests run as root in CI containers, where Chromium's sandbox cannot start.
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const problems = [];
  page.on('dialog', dialog => { problems.push('a dialog opened: ' + dialog.message()); dialog.dismiss(); });
  page.on('pageerror', error => problems.push('page error: ' + error.message));
  page.on('request', request => {
    if (!request.url().startsWith(new URL(url).origin) && !request.url().startsWith('blob:')) {
      problems.push('a request left the server: ' + request.url());
    }
  });

  await page.goto(url);
  await page.waitForSelector('#tasks tbody tr');
  const rows = await page.locator('#tasks tbody tr').count();
  check(rows === 3, `expected 3 task rows, found ${rows}`);
  const markupCell = await page.locator('tr[data-task="machine_task_2"] td.instruction').textContent();
  check(markupCell.includes('<script>alert(1)</script>'), `the markup task shows as ${markupCell}`);
  check(await page.locator('#tasks img, #tasks script').count() === 0, 'task text became elements');
  if (screenshots) await page.screenshot({ path: join(screenshots, 'view-dataset.png') });

  await page.fill('#search', 'French');
  await page.press('#search', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('#tasks tbody tr').length === 1);
  check(await page.locator('#page-status').textContent() === 'page 1 of 1, 1 tasks', 'the search found other tasks');

  await page.click('tr[data-task="machine_task_0"]');
  await page.waitForSelector('#task-id');
  check((await page.locator('#task-id').textContent()).startsWith('machine_task_0'), 'the task page did not open');
  check((await page.locator('#similar').textContent()).includes('Translate the word into German.'),
    'the most similar pool instructions are missing');

  await page.click('#reject');
  await page.waitForFunction(() => document.querySelector('#curation-error')?.textContent.length > 0);
  check((await page.locator('#curation-error').textContent()).includes('a rejection needs a reason'),
    'a rejection without a reason was not refused');
  check(!existsSync(curationLog), 'a refused edit was written');

  await page.fill('#reject-reason', 'duplicate of a seed task');
  await page.click('#reject');
  await page.waitForSelector('#rejected');
  const rejection = logLines().at(-1);
  check(rejection.task_id === 'machine_task_0' && rejection.action === 'reject'
    && rejection.reason === 'duplicate of a seed task' && rejection.who.length > 0, 'curation.jsonl lacks the rejection');

  await page.click('#output-0-edit');
  await page.fill('#output-0-editor', 'Bonjour à tous.');
  await page.click('#output-0-save');
  await page.waitForFunction(() => document.querySelector('#output-0')?.textContent === 'Bonjour à tous.');
  const edit = logLines().at(-1);
  check(edit.field === 'output' && edit.instance === 0 && edit.before === 'Bonjour.' && edit.after === 'Bonjour à tous.',
    'curation.jsonl lacks the edit');

  await page.click('#nav-evaluation');
  await page.waitForSelector('#evaluation .evaluation-item');
  await page.selectOption('#sort', 'difference');
  // Tuning hurt most on task_b, which the evaluation lists second.
  await page.waitForFunction(() =>
    document.querySelector('#evaluation .evaluation-item')?.textContent.startsWith('task_b'));
  if (screenshots) await page.screenshot({ path: join(screenshots, 'view-evaluation.png') });

  check(problems.length === 0, problems.join('; '));
  console.log('e2e: ok');
} catch (error) {
  console.error('e2e: ' + error.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
