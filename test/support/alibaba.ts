import { WRITE_COMMANDS, type AnyWriteCommand } from '../../src/api/write-commands.js';
import { ALIBABA_STORY } from '../../src/cli/demo/alibaba-story.js';
import type { TestApp } from './test-app.js';

/** Records the demo's Alibaba story through the HTTP API, line by line, as an analyst would. */
export async function recordAlibabaStory(t: TestApp): Promise<void> {
  for (const line of ALIBABA_STORY) {
    const { type, ...fields } = line as { type: keyof typeof WRITE_COMMANDS } & Record<string, unknown>;
    const entry = WRITE_COMMANDS[type] as AnyWriteCommand;
    const body: Record<string, unknown> = { ...fields };
    let path = entry.route.replace(/^POST /, '');
    for (const param of entry.params) {
      path = path.replace(`{${param}}`, String(fields[param]));
      delete body[param];
    }
    const res = await t.http().post(path).send(body);
    if (res.status !== 201) throw new Error(`${type} → ${res.status} ${JSON.stringify(res.body)}`);
  }
}
