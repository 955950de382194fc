/**
 * An answer already encoded as JSON (exactly `JSON.stringify` of the value, what Fastify would
 * send for it): a view computed once is encoded once, and every request then sends the text.
 */
export class JsonText {
  constructor(readonly text: string) {}

  static of(value: unknown): JsonText {
    return new JsonText(JSON.stringify(value));
  }
}
