import { describe, expect, it } from 'vitest';
import { shownAs } from './shown-as';

describe('shownAs', () => {
  it('shows images, audio and video inline', () => {
    expect(shownAs('image/jpeg')).toBe('image');
    expect(shownAs('audio/wav')).toBe('audio');
    expect(shownAs('video/mp4')).toBe('video');
  });

  it('never renders SVG, HTML or XML, and downloads everything else', () => {
    for (const type of ['image/svg+xml', 'text/html', 'application/xhtml+xml', 'text/xml']) {
      expect(shownAs(type)).toBe('download');
    }
    expect(shownAs('application/pdf')).toBe('download');
    expect(shownAs('application/octet-stream')).toBe('download');
  });
});
