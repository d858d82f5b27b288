import { saveSeenToken } from '../lib/seen-token';
import { VaultClient } from '../worker/vault-client';

/** The one vault worker client. Lock and quick exit terminate its worker. */
export const vault = new VaultClient({ onSeen: saveSeenToken });
