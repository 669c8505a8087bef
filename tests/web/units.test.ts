import { addressKey } from '../../bot/web/http';
import { RateLimiter } from '../../bot/rateLimit';
import { contrast, themeFor } from '../../bot/web/theme';
import { escapeHtml, safeJson } from '../../bot/web/pages';
import { normaliseOrigin } from '../../bot/web/cors';

describe('RateLimiter', () => {
  it('allows perMinute at once, then one more as each share of the minute passes', () => {
    let now = 0;
    const limiter = new RateLimiter(6, () => now);
    for (let i = 0; i < 6; i++) expect(limiter.take('a').allowed).toBe(true);
    const refused = limiter.take('a');
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(limiter.take('b').allowed).toBe(true);
    now += 10_000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('keeps at most maxKeys keys', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now, 100);
    for (let i = 0; i < 1000; i++) {
      limiter.take(`k${i}`);
      now += 1;
    }
    expect(limiter.size).toBeLessThanOrEqual(100);
  });
});

describe('addressKey', () => {
  it('keeps IPv4 addresses, unwraps IPv4-mapped ones, and groups IPv6 by /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:0:1::1')).toBe(addressKey('2001:0db8:0000:0001:ffff:1:2:3'));
    expect(addressKey('2001:db8:0:1::1')).not.toBe(addressKey('2001:db8:0:2::1'));
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('not an address')).toBe('unknown');
    expect(addressKey(undefined)).toBe('unknown');
  });
});

describe('themeFor', () => {
  it.each(['#7a3e9d', '#ffd700', '#00ff00', '#000000', '#ffffff', '#1e90ff'])('keeps %s readable', (color) => {
    const theme = themeFor(color);
    expect(contrast(theme.color, theme.ink)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(theme.accent, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});

describe('escaping', () => {
  it('escapes HTML and JSON for pages and scripts', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&#60;a href&#61;&#34;x&#34; onclick&#61;&#39;y&#39;&#62;&#38;&#60;/a&#62;');
    expect(safeJson({ name: '</script><script>alert(1)</script>\u2028' })).toBe('{"name":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u2028"}');
    expect(JSON.parse(safeJson({ a: '<&>' }))).toEqual({ a: '<&>' });
  });
});

describe('normaliseOrigin', () => {
  it('reduces a URL to its origin and refuses what is not http(s)', () => {
    expect(normaliseOrigin('HTTPS://Clinic.Example.org:443/path?q')).toBe('https://clinic.example.org');
    expect(normaliseOrigin('http://localhost:8080/')).toBe('http://localhost:8080');
    expect(normaliseOrigin('javascript:alert(1)')).toBeUndefined();
    expect(normaliseOrigin('null')).toBeUndefined();
    expect(normaliseOrigin('https://user:pw@clinic.example.org')).toBeUndefined();
  });
});
