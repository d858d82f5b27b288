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

/**
 * The card's picture: a thumbnail made in the worker once the card comes near the view, else a
 * tile naming the kind of file. Decorative (`alt=""`, the tile `aria-hidden`): the card's
 * heading already names the exhibit, and a second "Exhibit AB/1" image would repeat it.
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
  const thumb = useThumbnail(props.item.blobId, props.item.mediaType, near);
  const kind = evidenceType(props.item.mediaType);
  return (
    <div ref={ref} className={`evidence-thumb thumb-${kind}`} aria-hidden="true">
      {thumb ? (
        <img src={thumb.url} alt="" width={thumb.width} height={thumb.height} decoding="async" />
      ) : (
        <span>{WORD[kind]}</span>
      )}
    </div>
  );
}
