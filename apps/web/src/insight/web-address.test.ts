import { describe, expect, it } from 'vitest';
import { webHref } from './web-address';

describe('help web addresses', () => {
  it('become https links', () => {
    expect(webHref('police.uk')).toBe('https://police.uk/');
    expect(webHref('suzylamplugh.org/helpline')).toBe('https://suzylamplugh.org/helpline');
    expect(webHref('https://www.gov.uk/report')).toBe('https://www.gov.uk/report');
  });
  it('stay plain text when they are not addresses, or not https', () => {
    expect(webHref('javascript:alert(1)')).toBeUndefined();
    expect(webHref('http://example.org')).toBeUndefined();
    expect(webHref('ask at the front desk')).toBeUndefined();
  });
});
