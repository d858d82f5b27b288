import { z } from 'zod';
import { fromBase64 } from '../encoding';
import type { DeviceCert } from '../types';
import { checkValue, signValue } from './signed';

const DOMAIN = 'casebook-device-v2';

export const DeviceCertSchema = z.object({
  v: z.literal(2),
  case: z.string().min(1),
  device: z.string().min(1),
  publicKey: z.string(),
  time: z.string(),
  sig: z.string(),
});

/** The identity key vouches that this device key writes this casebook's log. */
export async function certifyDevice(
  identitySecret: Uint8Array,
  body: Omit<DeviceCert, 'v' | 'sig'>,
): Promise<DeviceCert> {
  const unsigned = { v: 2 as const, ...body };
  return { ...unsigned, sig: await signValue(DOMAIN, unsigned, identitySecret) };
}

/** The device's public key when the certificate is this case's and signed by its identity. */
export async function certifiedKey(
  cert: DeviceCert,
  identityPublicKey: Uint8Array,
  caseId: string,
): Promise<Uint8Array | undefined> {
  const parsed = DeviceCertSchema.safeParse(cert);
  if (!parsed.success || parsed.data.case !== caseId) return undefined;
  const { sig, ...unsigned } = parsed.data;
  const key = fromBase64(unsigned.publicKey);
  if (!key || !(await checkValue(DOMAIN, unsigned, sig, identityPublicKey))) return undefined;
  return key;
}
