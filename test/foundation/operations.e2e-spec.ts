import { metricSample } from '../support/metric-sample';
import { startTestApp, TestApp } from '../support/test-app';

describe('operations endpoints', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.dispose());

  it('reports liveness and readiness without a key', async () => {
    expect((await t.anonymous.get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await t.anonymous.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it('exposes Prometheus metrics with request durations by route pattern', async () => {
    await t.admin.get('/v1/api-keys');
    const res = await t.anonymous.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{.*route="\/v1\/api-keys".*status_code="200"/);
    expect(res.text).toContain('process_cpu_seconds_total');
  });

  it("exposes the database's share: statements' round trips, waits for a connection, the pool's connections", async () => {
    const scrape = async () => (await t.anonymous.get('/metrics')).text;
    const before = await scrape();
    await t.admin.post('/v1/api-keys', { name: 'metrics-probe', role: 'analyst' });
    const after = await scrape();
    expect(metricSample(after, 'phonetrust_db_statement_seconds_count')).toBeGreaterThan(metricSample(before, 'phonetrust_db_statement_seconds_count'));
    expect(metricSample(after, 'phonetrust_db_pool_wait_seconds_count')).toBeGreaterThan(metricSample(before, 'phonetrust_db_pool_wait_seconds_count'));
    expect(after).toMatch(/^phonetrust_db_statement_seconds_bucket\{le="0\.005"\} \d+$/m);
    // The pool has opened connections; what holds or waits for them at the scrape is the background work's.
    const busy = metricSample(after, 'phonetrust_db_pool_connections{state="busy"}');
    const idle = metricSample(after, 'phonetrust_db_pool_connections{state="idle"}');
    expect(busy + idle).toBeGreaterThanOrEqual(1);
    expect(metricSample(after, 'phonetrust_db_pool_waiting')).toBeGreaterThanOrEqual(0);
  });

  it('serves the OpenAPI document generated from the DTOs, and its UI', async () => {
    const json = await t.anonymous.get('/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/v1/api-keys', '/v1/api-keys/{id}', '/v1/audit', '/health/ready']));
    expect(json.body.components.schemas.CreateApiKeyDto.properties.role.enum).toEqual(['admin', 'platform', 'analyst']);
    const ui = await t.anonymous.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('ran the migrations, and only migrations built the schema', async () => {
    const migrations = await t.dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
    expect(migrations.length).toBeGreaterThan(0);
    expect(t.dataSource.options.synchronize).toBe(false);
  });
});
