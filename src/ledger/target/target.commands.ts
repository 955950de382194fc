import type { CompanyContext, MetricContext } from '../shared/context.js';
import type { Command } from '../shared/message.js';
import type { Source } from '../values/source.js';
import type { Comparator } from './target.events.js';

/** Terms as the client states them: periods still unresolved. */
export type TermsInput = {
  comparator: Comparator;
  value?: string;
  low?: string;
  high?: string;
  currency?: string;
  deadline: string;
  baseline?: { period: string };
};

/** Terms given by a revision or correction; `baseline: null` removes the baseline. */
export type TermsChange = Partial<Omit<TermsInput, 'baseline'>> & { baseline?: { period: string } | null };

type TargetCommandData<D> = {
  companyId: string;
  targetId: string;
  context: { company: CompanyContext | null; metric: MetricContext | null };
} & D;

/** `targetId` is always set: the shell makes one when the client gave none. */
export type AnnounceTarget = Command<
  'AnnounceTarget',
  TargetCommandData<
    { metricId: string } & TermsInput & { announcedAt: string; announcedBy?: string; source: Source; note?: string }
  >
>;

export type ReviseTarget = Command<
  'ReviseTarget',
  TargetCommandData<TermsChange & { announcedAt: string; source: Source; reason?: string }>
>;

export type ReaffirmTarget = Command<'ReaffirmTarget', TargetCommandData<{ announcedAt: string; source: Source }>>;

export type WithdrawTarget = Command<
  'WithdrawTarget',
  TargetCommandData<{ announcedAt: string; source: Source; reason?: string }>
>;

/** Fields left out keep their current values. */
export type CorrectTarget = Command<
  'CorrectTarget',
  TargetCommandData<TermsChange & { announcedAt?: string; announcedBy?: string; source?: Source; reason: string }>
>;

export type TargetCommand = AnnounceTarget | ReviseTarget | ReaffirmTarget | WithdrawTarget | CorrectTarget;
