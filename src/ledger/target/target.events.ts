import type { Event } from '../shared/message.js';
import type { Source } from '../values/source.js';

export type Comparator = 'gte' | 'lte' | 'eq' | 'between';

/** A target's terms with every period resolved, so that readers never need the fiscal calendar. */
export type TargetTerms = Readonly<{
  comparator: Comparator;
  /** gte / lte / eq */
  value?: string;
  /** between */
  low?: string;
  high?: string;
  /** Present exactly on targets of currency metrics. */
  currency?: string;
  deadline: string;
  deadlineStart: string;
  deadlineEnd: string;
  baseline?: Readonly<{ period: string; start: string; end: string }>;
}>;

export type TermField = 'comparator' | 'value' | 'low' | 'high' | 'currency' | 'deadline' | 'baseline';

type TargetRef = { companyId: string; targetId: string; metricId: string };

export type TargetAnnounced = Event<
  'TargetAnnounced',
  TargetRef & { terms: TargetTerms; announcedAt: string; announcedBy?: string; source: Source; note?: string }
>;

/** The company announced new terms. `changed` lists the term fields that differ from `previous`. */
export type TargetRevised = Event<
  'TargetRevised',
  TargetRef & {
    terms: TargetTerms;
    previous: TargetTerms;
    changed: TermField[];
    announcedAt: string;
    source: Source;
    reason?: string;
  }
>;

/** The company repeated the target unchanged; `terms` are the current ones, for convenience. */
export type TargetReaffirmed = Event<
  'TargetReaffirmed',
  TargetRef & { terms: TargetTerms; announcedAt: string; source: Source }
>;

export type TargetWithdrawn = Event<
  'TargetWithdrawn',
  TargetRef & { terms: TargetTerms; announcedAt: string; source: Source; reason?: string }
>;

export type CorrectableTargetField = TermField | 'announcedAt' | 'announcedBy' | 'source';

/**
 * The analyst fixed an entry error in the announcement or revision that set the current terms
 * (`corrects` is its revision). `changed` lists what changed; the new announcement fields are
 * at the top level, `terms` are the resulting terms, and `previous` holds the values before.
 */
export type TargetCorrected = Event<
  'TargetCorrected',
  TargetRef & {
    corrects: number;
    reason: string;
    changed: CorrectableTargetField[];
    terms: TargetTerms;
    announcedAt?: string;
    announcedBy?: string;
    source?: Source;
    previous: { terms?: TargetTerms; announcedAt?: string; announcedBy?: string; source?: Source };
  }
>;

export type TargetEvent = TargetAnnounced | TargetRevised | TargetReaffirmed | TargetWithdrawn | TargetCorrected;
