import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { HttpClient } from '../support/http-client';
import { newPhoneNumber, newReporterId, trustedAttestedScam } from '../support/report-factory';
import { startTestApp, TestApp } from '../support/test-app';
import { openCaseOf, reportStrongly } from '../review/review-fixture';

const CHROMIUM = '/usr/bin/chromium';
const PAYLOAD = '<img src=x onerror=alert(1)>';
/** `SAVE_CONSOLE_SCREENSHOT=1 npm test` refreshes the README's screenshot; otherwise it goes to a temporary file. */
const SCREENSHOT = process.env.SAVE_CONSOLE_SCREENSHOT ? join(__dirname, '..', '..', 'docs', 'console-case.png') : join(tmpdir(), 'phonetrust-console-case.png');

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  // eslint-disable-next-line no-console
  console.warn(`console browser test SKIPPED: ${CHROMIUM} not found (apt-get install -y chromium; .ci/run installs it)`);
}
const describeInBrowser = hasChromium ? describe : describe.skip;

describeInBrowser('the analyst console in headless Chromium (SPEC §9)', () => {
  let t: TestApp;
  let browser: Browser;
  let analystKey: string;
  let analyst: HttpClient;
  let topCase: string;
  let otherCase: string;
  let topNumber: string;

  beforeAll(async () => {
    t = await startTestApp({ SCORE_SCHEDULER_ENABLED: 'false' });
    const created = await t.admin.post('/v1/api-keys', { name: 'analyst-browser', role: 'analyst' });
    analystKey = created.body.key;
    analyst = new HttpClient(t.baseUrl, analystKey);
    const platform = await t.clientFor('platform');

    // The top case: restricted (priority 2), one report carrying markup. Below it: a case in review (priority 1).
    topNumber = newPhoneNumber();
    await reportStrongly(platform, topNumber, 3);
    const hostile = await platform.post('/v1/reports', { ...trustedAttestedScam(topNumber, newReporterId('hostile')), description: PAYLOAD });
    if (hostile.status !== 201) throw new Error(hostile.text);
    topCase = await openCaseOf(analyst, topNumber);
    const other = newPhoneNumber();
    await reportStrongly(platform, other, 2, 'keeps calling about a parcel');
    otherCase = await openCaseOf(analyst, other);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.dispose();
  });

  it('signs in, opens the top case with its chart and reports as text, reinstates, and shows the queue updated', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20000);
    const dialogs: string[] = [];
    const problems: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(`console: ${message.text()}`);
    });

    // Sign in
    await page.goto(`${t.baseUrl}/console`);
    await page.fill('#signin-form input[name="key"]', 'pt_not_a_real_key_at_all_0000');
    await page.click('#signin-form button[type="submit"]');
    await page.locator('#signin-form .form-error', { hasText: 'Unknown or revoked key.' }).waitFor();
    problems.length = 0; // the refused key's 401 is logged by the browser; that was the point
    await page.fill('#signin-form input[name="key"]', analystKey);
    await page.click('#signin-form button[type="submit"]');

    // The queue: open cases by priority
    const rows = page.locator('table.queue-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case-id')))).toEqual([topCase, otherCase]);
    // (Evaluated in the page: strings, as the test's TypeScript has no DOM types.)
    const stored = await page.evaluate("[sessionStorage.getItem('phonetrust.analystKey'), localStorage.length, document.cookie]");
    expect(stored).toEqual([analystKey, 0, '']);

    // The top case
    await rows.first().locator('a.case-link').click();
    await page.locator(`article.case[data-case-id="${topCase}"]`).waitFor();
    const line = page.locator('svg.score-chart path.score-line');
    await line.waitFor();
    expect((await line.getAttribute('d'))!.split('L').length).toBeGreaterThan(100);
    expect(await page.locator('svg.score-chart .chart-events circle.event-report').count()).toBe(4);

    // The hostile report is shown as its text, literally; nothing it contains became markup
    const hostile = page.locator('.report-text', { hasText: PAYLOAD });
    await hostile.waitFor({ state: 'visible' });
    expect(await hostile.textContent()).toBe(PAYLOAD);
    expect(await hostile.isVisible()).toBe(true);
    expect(await page.locator('article.case img').count()).toBe(0);
    expect(await page.locator('h1', { hasText: topNumber }).count()).toBe(1);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // A decision needs a note
    await page.click('button[data-decision="reinstate"]');
    await page.locator('.decision-form .form-error', { hasText: 'A note is required.' }).waitFor();
    expect((await analyst.get(`/v1/cases/${topCase}`)).body.status).toBe('open');

    await page.fill('textarea[name="note"]', 'Reviewed the calls: a legitimate courier line.');
    await page.click('button[data-decision="reinstate"]');

    // Back to the queue, updated: the case is gone, the other one remains
    await page.locator('#flash', { hasText: 'resolved: reinstate' }).waitFor();
    await page.locator(`table.queue-table tbody tr[data-case-id="${otherCase}"]`).waitFor();
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case-id')))).toEqual([otherCase]);

    const resolved = (await analyst.get(`/v1/cases/${topCase}`)).body;
    expect(resolved).toMatchObject({ status: 'resolved', decision: 'reinstate', resolution: { note: 'Reviewed the calls: a legitimate courier line.', by: 'analyst-browser' } });
    expect((await analyst.get(`/v1/numbers/${encodeURIComponent(topNumber)}`)).body.state).toBe('ok');

    // Sign out forgets the key
    await page.click('#sign-out');
    await page.locator('#signin-form').waitFor();
    expect(await page.evaluate("sessionStorage.getItem('phonetrust.analystKey')")).toBeNull();

    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
