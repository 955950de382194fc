import type { Command } from '../shared/message.js';
import type { Source } from '../values/source.js';

/** Exactly one of `period` (a CY period) and `date`. */
export type RecordFxRate = Command<
  'RecordFxRate',
  { from: string; to: string; rate: string; period?: string; date?: string; source: Source }
>;

export type FxCommand = RecordFxRate;
