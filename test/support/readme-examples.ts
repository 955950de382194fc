import { readFileSync } from 'node:fs';
import { type AnyWriteCommand, writeCommandOf } from '../../src/api/write-commands.js';

/**
 * The README's example import lines (one per write type), each as its entry and its HTTP body:
 * without its type and path parameters.
 */
export function readmeExampleBodies(): Array<{
  type: string;
  dto: AnyWriteCommand['dto'];
  body: Record<string, unknown>;
}> {
  return (/```jsonl\n([\s\S]*?)```/.exec(readFileSync('README.md', 'utf8'))?.[1] ?? '')
    .trim()
    .split('\n')
    .map((text) => {
      const { type, ...body } = JSON.parse(text) as { type: string } & Record<string, unknown>;
      const entry = writeCommandOf(type);
      if (entry === undefined) throw new Error(`README example of unknown type ${type}`);
      for (const name of entry.params) delete body[name];
      return { type, dto: entry.dto, body };
    });
}
