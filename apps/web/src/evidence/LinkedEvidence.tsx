import type { EvidenceItem } from '@casebook/core';
import type { Navigate, Route } from '../diary/routes';
import { useDiary } from '../diary/use-diary-data';
import { AttachFiles } from './AttachFiles';
import { mediaLabel } from './describe-evidence';
import { formatBytes } from './format-bytes';

/** The evidence linked to an incident or a physical item, and a file input for more. */
export function LinkedEvidence(props: {
  ids: readonly string[];
  attachLabel: string;
  origin: string;
  incidents?: readonly string[];
  items?: readonly string[];
  accept?: string;
  hint?: string;
  back: Route;
  navigate: Navigate;
  onAdded?: (evidenceId: string) => void;
  /** False on a form, where leaving for the viewer would lose what was typed. */
  openable?: boolean;
}) {
  const diary = useDiary();
  const linked = props.ids.flatMap((id) => {
    const r = diary.lists.evidence.find((x) => x.id === id);
    return r?.state === 'live' ? [r.body as EvidenceItem] : [];
  });
  return (
    <>
      {linked.length === 0 ? (
        <p className="hint">Nothing attached yet.</p>
      ) : (
        <ul className="linked-evidence">
          {linked.map((item) => (
            <li key={item.id}>
              {props.openable === false ? (
                <strong>{item.exhibitRef ?? item.originalName}</strong>
              ) : (
                <button
                  type="button"
                  className="button quiet"
                  onClick={() =>
                    props.navigate({ name: 'evidence-view', id: item.id, back: props.back })
                  }
                >
                  Open {item.exhibitRef ?? item.originalName}
                </button>
              )}{' '}
              <span>
                {item.originalName} · {mediaLabel(item.mediaType)} · {formatBytes(item.size)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <AttachFiles
        label={props.attachLabel}
        origin={props.origin}
        {...(props.incidents && { incidents: props.incidents })}
        {...(props.items && { items: props.items })}
        {...(props.accept && { accept: props.accept })}
        {...(props.hint && { hint: props.hint })}
        {...(props.onAdded && { onAdded: props.onAdded })}
      />
    </>
  );
}
