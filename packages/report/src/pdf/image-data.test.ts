import { describe, expect, it } from 'vitest';
import { loadImage } from '../../test/node-assets';
import { checkImage } from './image-data';

describe('image data', () => {
  it('reads the size of JPEG and PNG files and refuses others', () => {
    expect(checkImage(loadImage('img_1771.jpg').bytes)).toMatchObject({ ok: true, type: 'jpeg' });
    expect(checkImage(loadImage('png_with_exif_and_gps.png').bytes)).toMatchObject({
      ok: true,
      type: 'png',
    });
    expect(checkImage(loadImage('heic-single.heic').bytes)).toEqual({
      ok: false,
      reason: 'only JPEG and PNG images can be shown in the PDF',
    });
    expect(checkImage(loadImage('img_1771.jpg').bytes.subarray(0, 200))).toMatchObject({
      ok: false,
    });
  });
});
