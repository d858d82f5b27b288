import { SCRIPTABLE_TYPES } from '@casebook/importers';

export type Shown = 'image' | 'audio' | 'video' | 'download';

/** How a file may be shown. SVG, HTML and XML are never rendered: download only. */
export function shownAs(mediaType: string): Shown {
  if (
    (SCRIPTABLE_TYPES as ReadonlySet<string>).has(mediaType) ||
    /svg|html|xml/i.test(mediaType) ||
    !/^(image|audio|video)\//.test(mediaType)
  ) {
    return 'download';
  }
  return mediaType.split('/')[0] as Shown;
}
