import { authConfig, databaseConfig, httpConfig } from './platform.config';
import { ConfigValidationError, EnvReader } from './env-reader';
import { loadConfig } from './config.module';

const ALL = [httpConfig, databaseConfig, authConfig];

describe('configuration', () => {
  it('has working defaults for an empty environment', () => {
    const values = loadConfig({}, ALL);
    expect(values.get(httpConfig.KEY)).toMatchObject({ host: '127.0.0.1', port: 3000, logLevel: 'info' });
    expect(values.get(databaseConfig.KEY)).toMatchObject({ url: undefined, embeddedDir: './.data', poolSize: 10 });
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' }, ALL)).toThrow(/PORT must be an integer/);
    expect(() => loadConfig({ PORT: '70000' }, ALL)).toThrow(/PORT must be ≤ 65535/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' }, ALL)).toThrow(/DATABASE_URL must use postgres:/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' }, ALL)).toThrow(/DATABASE_URL must be a valid URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' }, ALL)).toThrow(/LOG_LEVEL must be one of/);
    expect(() => loadConfig({ ADMIN_API_KEY: 'short' }, ALL)).toThrow(/ADMIN_API_KEY must be at least 24/);
    expect(() => loadConfig({ DOCS_ENABLED: 'maybe' }, ALL)).toThrow(/DOCS_ENABLED must be true or false/);
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', DATABASE_POOL_SIZE: '0', LOG_LEVEL: 'loud' }, ALL);
      throw new Error('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      expect((error as ConfigValidationError).problems).toHaveLength(3);
    }
  });

  it('reads lists against an allow-list and a pattern', () => {
    const reader = new EnvReader({ A: 'CN, US', B: 'CN,usa' });
    expect(reader.list('A', [], undefined, /^[A-Z]{2}$/)).toEqual(['CN', 'US']);
    reader.list('B', [], undefined, /^[A-Z]{2}$/);
    expect(() => reader.assertValid()).toThrow(/B has invalid item\(s\) "usa"/);
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: '  ' }, ALL).get(httpConfig.KEY)).toMatchObject({ port: 3000 });
  });
});
