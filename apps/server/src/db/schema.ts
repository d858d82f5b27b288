/**
 * The metadata database as Kysely sees it. Everything a person wrote is inside `data`
 * (an envelope the server cannot open); the rest is ids, sizes, times and hashes.
 * Times are milliseconds since 1970; sequence numbers are per space.
 */
export interface ServerSecretTable {
  name: string;
  secret: Buffer;
  public_key: Buffer | null;
  created_at: number;
}

export interface SpaceTable {
  id: string;
  /** The last envelope sequence number handed out in this space. */
  head_seq: number;
  created_at: number;
  /** The casebook's identity public key (migration 0003): what a removal proof verifies with. */
  identity_key: Buffer | null;
}

export interface DeviceTable {
  key_id: string;
  space_id: string;
  public_key: Buffer;
  created_at: number;
  removed_at: number | null;
}

export interface InviteTable {
  id: string;
  secret_hash: Buffer;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface LinkCodeTable {
  id: string;
  secret_hash: Buffer;
  space_id: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  failures: number;
  /** The opaque link package (0004), dropped when the code is used, burnt or expired. */
  package: Buffer | null;
}

export interface NonceTable {
  key_id: string;
  nonce: string;
  created_at: number;
}

export interface RateCountTable {
  bucket: string;
  window_start: number;
  count: number;
}

export interface EnvelopeTable {
  space_id: string;
  seq: number;
  id: string;
  device_id: string;
  digest: Buffer;
  data: Buffer;
  created_at: number;
}

export interface ChunkTable {
  space_id: string;
  id: string;
  size: number;
  digest: Buffer;
  created_at: number;
}

export interface ChainHashTable {
  space_id: string;
  chain: string;
  seq: number;
  h: string;
}

export interface CheckpointTable {
  space_id: string;
  chain: string;
  seq: number;
  head: string;
  device_id: string;
  checkpoint: Buffer;
  server_time: number;
  server_sig: string;
}

export interface Database {
  server_secrets: ServerSecretTable;
  spaces: SpaceTable;
  devices: DeviceTable;
  invites: InviteTable;
  link_codes: LinkCodeTable;
  nonces: NonceTable;
  rate_counts: RateCountTable;
  envelopes: EnvelopeTable;
  chunks: ChunkTable;
  chain_hashes: ChainHashTable;
  checkpoints: CheckpointTable;
}
