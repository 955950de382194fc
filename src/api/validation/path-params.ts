import { Injectable, type PipeTransform } from '@nestjs/common';
import { parsePeriod, formatPeriod } from '../../ledger/values/period.js';
import { isSlug } from '../../ledger/values/slug.js';
import { ProblemException, problem } from '../problem-details/problem.js';

/**
 * Path ids are slugs or nothing: an id that cannot exist is a 404 (and can never alias another
 * stream's name, since slugs have no dot).
 */
export class SlugParam implements PipeTransform<string, string> {
  constructor(private readonly kind: 'company' | 'metric' | 'target') {}

  transform(value: string): string {
    if (isSlug(value)) return value;
    throw new ProblemException(
      problem(
        404,
        `${this.kind.toUpperCase()}_NOT_FOUND`,
        `There is no ${this.kind} "${value}" (ids are slugs such as "gmv")`,
      ),
    );
  }
}

export const CompanyId = new SlugParam('company');
export const MetricId = new SlugParam('metric');
export const TargetId = new SlugParam('target');

@Injectable()
export class PeriodParam implements PipeTransform<string, string> {
  transform(value: string): string {
    const period = parsePeriod(value);
    if (period) return formatPeriod(period);
    const message = 'must be a period: FY2020, FY2020-H1, FY2020-Q3, CY2020 or CY2020-Q1';
    throw new ProblemException(problem(400, 'INVALID_PERIOD', `period ${message}`, [{ field: 'period', message }]));
  }
}
