import { createHash } from 'node:crypto';

/**
 * A name-based UUID (version 5, RFC 9562 §5.5): SHA-1 of the namespace's 16 bytes followed by the
 * UTF-8 name, cut to 128 bits, with the version and variant bits set. The same namespace and name
 * always give the same UUID, which is what makes a retried batch carry the same event ids.
 */
export function uuidFromHash(namespace: string, name: string): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (namespaceBytes.length !== 16) throw new TypeError(`namespace must be a UUID, got ${namespace}`);
  const bytes = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
