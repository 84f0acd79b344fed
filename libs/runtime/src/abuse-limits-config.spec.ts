import { DEFAULT_LIMITS_PER_MINUTE, abuseLimitsConfig } from './abuse-limits-config';
import { ConfigError, loadConfig } from './app-config';

describe('abuse limits and production token configuration', () => {
  it('has defaults, reads each limit from the environment and refuses nonsense', () => {
    expect(abuseLimitsConfig({})).toEqual({ enabled: true, perMinute: DEFAULT_LIMITS_PER_MINUTE });
    expect(abuseLimitsConfig({ RATE_LIMIT_EXPORTS_PER_MINUTE: '5' }).perMinute.export).toBe(5);
    expect(abuseLimitsConfig({ RATE_LIMITS: 'off' }).enabled).toBe(false);
    expect(() => abuseLimitsConfig({ RATE_LIMIT_COMMANDS_PER_MINUTE: '0' })).toThrow(ConfigError);
    expect(() => abuseLimitsConfig({ RATE_LIMIT_SEARCHES_PER_MINUTE: 'lots' })).toThrow(ConfigError);
    expect(() => abuseLimitsConfig({ RATE_LIMITS: 'maybe' })).toThrow(ConfigError);
  });

  it('refuses to switch rate limits off in production', () => {
    expect(() => abuseLimitsConfig({ RATE_LIMITS: 'off', NODE_ENV: 'production' })).toThrow('refused');
  });

  it('production requires OIDC with multi-factor amr by default (R6)', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      OIDC_ISSUER: 'https://identity.example.gouv.fr',
      OIDC_JWKS_URL: 'https://identity.example.gouv.fr/jwks',
      VAULT_MASTER_KEY: Buffer.alloc(32).toString('base64'),
      EVENT_STORE_URL: 'memory:',
    });
    expect(config.auth.mode).toBe('oidc');
    expect(config.auth.requiredAmr).toEqual(expect.arrayContaining(['mfa', 'otp']));
    expect(config.auth.requiredAmr).not.toContain('pwd');
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'dev' })).toThrow('refused');
  });
});
