import { startTestApp, TestApp } from '../support/test-app';

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** What the console is served as, without a browser (the browser test is console.e2e-spec.ts). */
describe('GET /console', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SCORE_SCHEDULER_ENABLED: 'false' });
  });
  afterAll(() => t.dispose());

  it('serves the page without a key, with a strict Content-Security-Policy', async () => {
    for (const path of ['/console', '/console/']) {
      const res = await t.anonymous.get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('has no inline script, style or event handler for the policy to have to allow', async () => {
    const html = (await t.anonymous.get('/console')).text;
    expect(html).toMatch(/<script type="module" src="\/console\/assets\/console\.js"><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN
  });

  it('serves its own assets with their types and the same headers, and nothing else', async () => {
    const js = await t.anonymous.get('/console/assets/console.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBe(CSP);
    const css = await t.anonymous.get('/console/assets/console.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    for (const name of ['api.js', 'dom.js', 'chart.js', 'format.js', 'queue-view.js', 'case-view.js']) {
      const res = await t.anonymous.get(`/console/assets/${name}`);
      expect([name, res.status]).toEqual([name, 200]);
      expect(res.text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    }
    for (const path of ['/console/assets/index.html', '/console/assets/nope.js', '/console/assets/..%2Fconsole.controller.ts', '/console/assets/%2e%2e%2f%2e%2e%2fpackage.json', '/console/assets/toString', '/console/assets/__proto__']) {
      const res = await t.anonymous.get(path);
      expect([path, res.status]).toEqual([path, 404]);
    }
  });
});
