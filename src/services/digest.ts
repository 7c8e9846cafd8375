// One-shot hashes: crypto.hash (Node 20.12) where the runtime has it, which skips the Hash
// object createHash builds (a few µs on every answer's ETag and every list's fingerprint).
import * as crypto from 'node:crypto'

export type DigestEncoding = 'base64' | 'base64url' | 'hex'

export const digest: (algorithm: 'sha1' | 'sha256', payload: crypto.BinaryLike, encoding: DigestEncoding) => string =
  typeof crypto.hash === 'function'
    ? (algorithm, payload, encoding) => crypto.hash(algorithm, payload, encoding)
    : (algorithm, payload, encoding) => crypto.createHash(algorithm).update(payload).digest(encoding)
