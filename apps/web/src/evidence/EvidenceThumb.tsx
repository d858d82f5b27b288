import type { EvidenceItem } from '@casebook/core';
import { useEffect, useRef, useState } from 'react';
import { type EvidenceType, evidenceType } from './evidence-filter';
import { useThumbnail } from './use-thumbnail';

const WORD: Record<EvidenceType, string> = {
  image: 'Photo',
  video: 'Video',
  audio: 'Audio',
  document: 'Doc',
  other: 'File',
};

/** "image/heic" → "HEIC", for the tile of a picture that cannot be drawn. */
function formatName(mediaType: string): string {
  const sub = mediaType.split('/')[1] ?? '';
  return sub.replace(/^x-/, '').split(/[+;.]/)[0]?.toUpperCase() || 'Picture';
}

/**
 * The card's picture: a thumbnail once the card comes near the view (photos made in the worker,
 * videos from a frame decoded in the page), else a tile naming the kind of file. Decorative
 * (`alt=""`, the tile `aria-hidden`): the card's heading already names the exhibit, and a second
 * "Exhibit AB/1" image would repeat it. A picture this browser cannot draw (HEIC, TIFF, one too
 * large or damaged) says so in words, seen and heard, instead of a broken image.
 */
export function EvidenceThumb(props: { item: EvidenceItem }) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || near) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [near]);
  const thumb = useThumbnail(props.item, near);
  const kind = evidenceType(props.item.mediaType);
  if (thumb.state === 'cannot') {
    const name = formatName(props.item.mediaType);
    return (
      <div
        ref={ref}
        className="evidence-thumb thumb-cannot"
        role="img"
        aria-label={`No preview: this browser cannot show this ${name} picture`}
      >
        <span className="thumb-format">{name}</span>
        <span className="thumb-note">No preview</span>
      </div>
    );
  }
  return (
    <div ref={ref} className={`evidence-thumb thumb-${kind}`} aria-hidden="true">
      {thumb.state === 'ready' ? (
        <img
          src={thumb.thumb.url}
          alt=""
          width={thumb.thumb.width}
          height={thumb.thumb.height}
          decoding="async"
        />
      ) : (
        <span>{WORD[kind]}</span>
      )}
    </div>
  );
}
