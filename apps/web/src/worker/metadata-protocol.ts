/** Messages between the vault worker and its metadata worker (one file per metadata worker). */
export interface MetadataRequest {
  /** The file's leading bytes, as many as `metadataBytesFor` asks for (transferred). */
  readonly bytes: Uint8Array;
  readonly name: string;
  /** The file's last-modified instant (ISO 8601), when the browser gave one. */
  readonly lastModified?: string;
}

/** What exifr and the name found, as `extractMetadata` returns it; checked on arrival. */
export interface MetadataReply {
  readonly metadata: unknown;
  readonly notes: unknown;
}
