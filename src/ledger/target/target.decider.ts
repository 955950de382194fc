import type { MetricContext } from '../shared/context.js';
import { conflict, notFound, validationError } from '../shared/domain-error.js';
import { assertNever } from '../shared/message.js';
import { defined, requireCompany, requireDate, requireSource, sameJson } from '../shared/rules.js';
import { compareDates } from '../values/calendar-date.js';
import { isSlug } from '../values/slug.js';
import type { Source } from '../values/source.js';
import { changedTerms, mergeTerms, resolveTerms, termsChangeGiven } from './target-terms.js';
import type {
  AnnounceTarget,
  CorrectTarget,
  ReaffirmTarget,
  ReviseTarget,
  TargetCommand,
  WithdrawTarget,
} from './target.commands.js';
import type {
  CorrectableTargetField,
  TargetAnnounced,
  TargetCorrected,
  TargetEvent,
  TargetReaffirmed,
  TargetRevised,
  TargetTerms,
  TargetWithdrawn,
} from './target.events.js';

/** One dated statement by the company about the target (announcement, revision, reaffirmation, withdrawal). */
type Statement = Readonly<{ revision: number; announcedAt: string }>;

export type KnownTarget = Readonly<{
  status: 'active' | 'withdrawn';
  /** Events folded so far, i.e. the revision the next event will get. */
  version: number;
  companyId: string;
  targetId: string;
  metricId: string;
  terms: TargetTerms;
  /** Revision of the announcement or latest revision: what a correction corrects. */
  termsSetBy: number;
  /** Source of the event that set the terms. */
  source: Source;
  announcedBy?: string;
  statements: readonly Statement[];
}>;

export type TargetState = Readonly<{ status: 'absent'; version: number }> | KnownTarget;

export const initialTargetState = (): TargetState => ({ status: 'absent', version: 0 });

// ---------------------------------------------------------------------------------------------
// evolve

function evolveKnown(state: KnownTarget, event: Exclude<TargetEvent, TargetAnnounced>): KnownTarget {
  const revision = state.version;
  const next = { ...state, version: revision + 1 };
  switch (event.type) {
    case 'TargetRevised':
      return {
        ...next,
        terms: event.data.terms,
        termsSetBy: revision,
        source: event.data.source,
        statements: [...state.statements, { revision, announcedAt: event.data.announcedAt }],
      };
    case 'TargetReaffirmed':
      return { ...next, statements: [...state.statements, { revision, announcedAt: event.data.announcedAt }] };
    case 'TargetWithdrawn':
      return {
        ...next,
        status: 'withdrawn',
        statements: [...state.statements, { revision, announcedAt: event.data.announcedAt }],
      };
    case 'TargetCorrected': {
      const { terms, announcedAt, announcedBy, source } = event.data;
      return {
        ...next,
        terms,
        ...defined<Partial<KnownTarget>>({ announcedBy, source }),
        statements:
          announcedAt === undefined
            ? state.statements
            : state.statements.map((s) => (s.revision === state.termsSetBy ? { ...s, announcedAt } : s)),
      };
    }
    default:
      return assertNever(event);
  }
}

export function evolveTarget(state: TargetState, event: TargetEvent): TargetState {
  if (event.type === 'TargetAnnounced') {
    const { companyId, targetId, metricId, terms, announcedAt, announcedBy, source } = event.data;
    return defined({
      status: 'active',
      version: state.version + 1,
      companyId,
      targetId,
      metricId,
      terms,
      termsSetBy: state.version,
      source,
      announcedBy,
      statements: [{ revision: state.version, announcedAt }],
    });
  }
  if (state.status === 'absent') return { ...state, version: state.version + 1 };
  return evolveKnown(state, event);
}

// ---------------------------------------------------------------------------------------------
// decide: shared checks

function requireTarget(state: TargetState, companyId: string, targetId: string): KnownTarget {
  if (state.status === 'absent') {
    throw notFound('TARGET_NOT_FOUND', `Company "${companyId}" has no target "${targetId}"`);
  }
  return state;
}

function requireMetric(metric: MetricContext | null, metricId: string, companyId: string): MetricContext {
  if (metric === null) {
    throw notFound('METRIC_NOT_FOUND', `Company "${companyId}" has no metric "${metricId}"; define it first`);
  }
  return metric;
}

function requireActive(target: KnownTarget, doing: string): KnownTarget {
  if (target.status === 'withdrawn') {
    throw conflict('TARGET_WITHDRAWN', `Target "${target.targetId}" has been withdrawn; it cannot be ${doing}`);
  }
  return target;
}

const latestStatement = (target: KnownTarget) =>
  target.statements.reduce((latest, s) => (compareDates(s.announcedAt, latest) > 0 ? s.announcedAt : latest), '');

/** Statements are dated in order: a new one cannot predate what the company already said. */
function requireNotBeforeLatest(target: KnownTarget, announcedAt: string) {
  const latest = latestStatement(target);
  if (compareDates(announcedAt, latest) < 0) {
    throw conflict(
      'ANNOUNCED_BEFORE_LATEST',
      `Target "${target.targetId}" was last announced, revised or reaffirmed on ${latest}; ` +
        `a later statement cannot be dated ${announcedAt}`,
      'announcedAt',
    );
  }
}

function requireText(value: string | undefined, code: string, message: string, field: string) {
  if (value !== undefined && value.trim() === '') throw validationError(code, message, field);
}

/** The current terms with a revision's or correction's changes applied, validated and resolved. */
function newTerms(command: ReviseTarget | CorrectTarget, target: KnownTarget): TargetTerms {
  const { companyId, context } = command.data;
  const company = requireCompany(context.company, companyId);
  const metric = requireMetric(context.metric, target.metricId, companyId);
  return resolveTerms(mergeTerms(target.terms, command.data), company, metric);
}

const ref = (target: KnownTarget) => ({
  companyId: target.companyId,
  targetId: target.targetId,
  metricId: target.metricId,
});

// ---------------------------------------------------------------------------------------------
// decide

function announceTarget(command: AnnounceTarget, state: TargetState): TargetAnnounced[] {
  const { companyId, targetId, metricId, announcedAt, announcedBy, source, note, context } = command.data;
  const company = requireCompany(context.company, companyId);
  const metric = requireMetric(context.metric, metricId, companyId);
  if (state.status !== 'absent') {
    throw conflict('TARGET_ALREADY_EXISTS', `Company "${companyId}" already has a target "${targetId}"`);
  }
  if (!isSlug(targetId)) {
    throw validationError('INVALID_ID', `"${targetId}" is not a valid target id (a slug such as "gmv-2020")`, 'id');
  }
  // Backfilling history stays possible: only a promise made after the metric stopped being
  // disclosed is refused, since nothing could ever be measured against it.
  if (metric.discontinuedOn !== undefined && compareDates(announcedAt, metric.discontinuedOn) > 0) {
    throw conflict(
      'METRIC_DISCONTINUED',
      `Metric "${metricId}" was discontinued on ${metric.discontinuedOn}; a target announced after that cannot be measured (reinstate the metric first)`,
      'metricId',
    );
  }
  const { comparator, value, low, high, currency, deadline, baseline } = command.data;
  const terms = resolveTerms(defined({ comparator, value, low, high, currency, deadline, baseline }), company, metric);
  requireDate(announcedAt, 'announcedAt');
  requireText(announcedBy, 'ANNOUNCED_BY_EMPTY', 'announcedBy must not be empty (leave it out instead)', 'announcedBy');
  requireSource(source);
  return [
    {
      type: 'TargetAnnounced',
      data: defined({ companyId, targetId, metricId, terms, announcedAt, announcedBy, source, note }),
    },
  ];
}

function reviseTarget(command: ReviseTarget, state: TargetState): TargetRevised[] {
  const { companyId, targetId, announcedAt, source, reason } = command.data;
  const target = requireActive(requireTarget(state, companyId, targetId), 'revised');
  if (!termsChangeGiven(command.data)) {
    throw validationError(
      'REVISION_EMPTY',
      'A revision must give at least one of comparator, value, low, high, currency, deadline or baseline',
    );
  }
  const terms = newTerms(command, target);
  requireDate(announcedAt, 'announcedAt');
  requireSource(source);
  const changed = changedTerms(target.terms, terms);
  if (changed.length === 0) {
    throw conflict(
      'REVISION_UNCHANGED',
      `The revised terms equal the current terms of target "${targetId}"; to repeat a target, reaffirm it`,
    );
  }
  requireNotBeforeLatest(target, announcedAt);
  return [
    {
      type: 'TargetRevised',
      data: defined({ ...ref(target), terms, previous: target.terms, changed, announcedAt, source, reason }),
    },
  ];
}

function reaffirmTarget(command: ReaffirmTarget, state: TargetState): TargetReaffirmed[] {
  const { companyId, targetId, announcedAt, source } = command.data;
  const target = requireActive(requireTarget(state, companyId, targetId), 'reaffirmed');
  requireDate(announcedAt, 'announcedAt');
  requireSource(source);
  requireNotBeforeLatest(target, announcedAt);
  return [{ type: 'TargetReaffirmed', data: { ...ref(target), terms: target.terms, announcedAt, source } }];
}

function withdrawTarget(command: WithdrawTarget, state: TargetState): TargetWithdrawn[] {
  const { companyId, targetId, announcedAt, source, reason } = command.data;
  const target = requireActive(requireTarget(state, companyId, targetId), 'withdrawn again');
  requireDate(announcedAt, 'announcedAt');
  requireSource(source);
  requireNotBeforeLatest(target, announcedAt);
  return [
    { type: 'TargetWithdrawn', data: defined({ ...ref(target), terms: target.terms, announcedAt, source, reason }) },
  ];
}

/**
 * A corrected announcement date must stay between the statements around the corrected one,
 * or the target's history would run backwards.
 */
function requireInOrder(target: KnownTarget, announcedAt: string) {
  const before = target.statements.filter((s) => s.revision < target.termsSetBy);
  const after = target.statements.filter((s) => s.revision > target.termsSetBy);
  const earlier = before.find((s) => compareDates(s.announcedAt, announcedAt) > 0);
  const later = after.find((s) => compareDates(s.announcedAt, announcedAt) < 0);
  const offending = earlier ?? later;
  if (offending !== undefined) {
    throw conflict(
      'ANNOUNCED_OUT_OF_ORDER',
      `A statement at revision ${offending.revision} is dated ${offending.announcedAt}; ` +
        `the statement at revision ${target.termsSetBy} cannot be dated ${earlier ? 'before' : 'after'} it (${announcedAt})`,
      'announcedAt',
    );
  }
}

function correctTarget(command: CorrectTarget, state: TargetState): TargetCorrected[] {
  const { companyId, targetId, announcedAt, announcedBy, source, reason } = command.data;
  const target = requireTarget(state, companyId, targetId);
  requireText(reason, 'REASON_REQUIRED', 'A correction needs a reason', 'reason');
  const termsGiven = termsChangeGiven(command.data);
  if (!termsGiven && announcedAt === undefined && announcedBy === undefined && source === undefined) {
    throw validationError(
      'CORRECTION_EMPTY',
      'A correction must give at least one term (comparator, value, low, high, currency, deadline, baseline) ' +
        'or announcedAt, announcedBy or source',
    );
  }
  const terms = termsGiven ? newTerms(command, target) : target.terms;
  if (announcedAt !== undefined) requireDate(announcedAt, 'announcedAt');
  requireText(announcedBy, 'ANNOUNCED_BY_EMPTY', 'announcedBy must not be empty', 'announcedBy');
  if (source !== undefined) requireSource(source);

  const currentAnnouncedAt = target.statements.find((s) => s.revision === target.termsSetBy)?.announcedAt;
  const changedTermFields = changedTerms(target.terms, terms);
  const announcedAtChanged = announcedAt !== undefined && announcedAt !== currentAnnouncedAt;
  const announcedByChanged = announcedBy !== undefined && announcedBy !== target.announcedBy;
  const sourceChanged = source !== undefined && !sameJson(source, target.source);
  const changed: CorrectableTargetField[] = [
    ...changedTermFields,
    ...(announcedAtChanged ? (['announcedAt'] as const) : []),
    ...(announcedByChanged ? (['announcedBy'] as const) : []),
    ...(sourceChanged ? (['source'] as const) : []),
  ];
  if (changed.length === 0) {
    throw conflict(
      'CORRECTION_UNCHANGED',
      `Every field given already has that value in target "${targetId}"; nothing to correct`,
    );
  }
  if (announcedAtChanged) requireInOrder(target, announcedAt);
  return [
    {
      type: 'TargetCorrected',
      data: defined({
        ...ref(target),
        corrects: target.termsSetBy,
        reason,
        changed,
        terms,
        announcedAt: announcedAtChanged ? announcedAt : undefined,
        announcedBy: announcedByChanged ? announcedBy : undefined,
        source: sourceChanged ? source : undefined,
        previous: defined({
          terms: changedTermFields.length > 0 ? target.terms : undefined,
          announcedAt: announcedAtChanged ? currentAnnouncedAt : undefined,
          announcedBy: announcedByChanged ? target.announcedBy : undefined,
          source: sourceChanged ? target.source : undefined,
        }),
      }),
    },
  ];
}

export function decideTarget(command: TargetCommand, state: TargetState): TargetEvent[] {
  switch (command.type) {
    case 'AnnounceTarget':
      return announceTarget(command, state);
    case 'ReviseTarget':
      return reviseTarget(command, state);
    case 'ReaffirmTarget':
      return reaffirmTarget(command, state);
    case 'WithdrawTarget':
      return withdrawTarget(command, state);
    case 'CorrectTarget':
      return correctTarget(command, state);
    default:
      return assertNever(command);
  }
}

export const targetDecider = {
  decide: decideTarget,
  evolve: evolveTarget,
  initialState: initialTargetState,
};
