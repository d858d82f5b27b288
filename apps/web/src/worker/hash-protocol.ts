/** Messages between the vault worker and its hash worker (one file per hash worker). */
export type HashRequest =
  /** The first `length` bytes of `bytes` are the next part of the file. */
  | { readonly type: 'update'; readonly bytes: ArrayBuffer; readonly length: number }
  | { readonly type: 'digest' };

export type HashReply =
  | { readonly type: 'ready' }
  /** The buffer of an update, handed back for reuse. */
  | { readonly type: 'ack'; readonly bytes: ArrayBuffer }
  | { readonly type: 'digest'; readonly digest: Uint8Array }
  | { readonly type: 'failed' };
