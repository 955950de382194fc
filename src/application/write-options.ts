/** How a write was asked for: who, through which route, with which preconditions. */
export interface WriteOptions {
  actor: string;
  /** "POST /companies/acme/metrics": the scope of an Idempotency-Key together with the actor. */
  route: string;
  correlationId: string;
  /** From `If-Match: "<revision>"`: the stream must be at exactly this revision. */
  ifMatch?: number;
  idempotencyKey?: string;
  /** SHA-256 of the canonical request body, to tell a retry (same body) from a misuse (another body). */
  requestHash?: string;
}

/** The answer to every write: `{ id?, stream, revision, position }`. */
export interface WriteResult {
  id?: string;
  stream: string;
  revision: number;
  position: number;
}
