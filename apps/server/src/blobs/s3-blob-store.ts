/**
 * Chunks as S3 objects, one per chunk. S3's own limits are checked here, before any request,
 * because test fakes (s3rver) accept what real S3 refuses: keys up to 1,024 bytes of UTF-8,
 * a single PUT of at most 5 GiB, and bucket names of 3-63 lower-case letters, digits, dots
 * and hyphens. Writes are put-if-absent: `If-None-Match: *` makes real S3 refuse to replace
 * an object, and because s3rver ignores that header, we also look before we write.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { BLOB_ID, type BlobStore, type PutOutcome, quarantineKey } from './blob-store';

export const S3_MAX_KEY_BYTES = 1024;
export const S3_MAX_PUT_BYTES = 5 * 1024 ** 3;
const BUCKET = /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export interface S3Settings {
  readonly bucket: string;
  readonly prefix?: string;
  readonly client: S3ClientConfig;
}

export class S3BlobStore implements BlobStore {
  private readonly s3: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(settings: S3Settings) {
    if (!BUCKET.test(settings.bucket)) {
      throw new RangeError(`"${settings.bucket}" is not a bucket name S3 accepts.`);
    }
    this.bucket = settings.bucket;
    this.prefix = settings.prefix ?? '';
    this.s3 = new S3Client(settings.client);
  }

  /** The object key, checked against S3's limit. */
  objectKey(key: string): string {
    const parts = key.split('/');
    if (parts.length !== 2 || !parts.every((part) => BLOB_ID.test(part))) {
      throw new RangeError('That is not a chunk key.');
    }
    const full = `${this.prefix}${key}`;
    if (Buffer.byteLength(full, 'utf8') > S3_MAX_KEY_BYTES) {
      throw new RangeError(`An S3 key is at most ${S3_MAX_KEY_BYTES} bytes.`);
    }
    return full;
  }

  async putIfAbsent(key: string, bytes: Buffer): Promise<PutOutcome> {
    if (bytes.length > S3_MAX_PUT_BYTES) {
      throw new RangeError('S3 takes at most 5 GiB in one upload.');
    }
    const before = await this.get(key);
    if (before) return before.equals(bytes) ? 'already' : 'conflict';
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(key),
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: 'application/octet-stream',
          IfNoneMatch: '*',
        }),
      );
      return 'stored';
    } catch (error) {
      // 412: the object appeared since we looked; 409: another conditional write is under way.
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata
        ?.httpStatusCode;
      if (status !== 412 && status !== 409) throw error;
      const raced = await this.get(key);
      return raced?.equals(bytes) ? 'already' : 'conflict';
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      const out = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      // No body is a failed read, not an empty chunk: read as empty it would look damaged
      // (its digest cannot match) and the only copy would be dropped.
      if (!out.Body) throw new Error("The storage service answered without the object's bytes.");
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (error) {
      if (error instanceof NoSuchKey || error instanceof NotFound) return undefined;
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (error) {
      if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') {
        return false;
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  /** Written again under the quarantine key (the bytes are in hand), then deleted. */
  async quarantine(key: string, bytes: Buffer): Promise<string> {
    const aside = quarantineKey(key, new Date());
    const full = `${this.prefix}${aside}`;
    if (Buffer.byteLength(full, 'utf8') > S3_MAX_KEY_BYTES) {
      throw new RangeError(`An S3 key is at most ${S3_MAX_KEY_BYTES} bytes.`);
    }
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: full,
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: 'application/octet-stream',
      }),
    );
    await this.delete(key);
    return aside;
  }

  close(): void {
    this.s3.destroy();
  }
}
