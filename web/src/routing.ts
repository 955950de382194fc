/**
 * Hash routes: `/#/companies/alibaba/targets/gmv-1tn-usd-fy2020?asOf=2017-01-01`. The part after
 * `#` never reaches the server, so no dashboard URL can collide with an API path, and the view
 * (business date, record time, audit page) lives in the URL so that it can be shared.
 */
export type Route =
  | { page: 'companies' }
  | { page: 'company'; companyId: string }
  | { page: 'target'; companyId: string; targetId: string }
  | { page: 'metric'; companyId: string; metricId: string }
  | { page: 'audit'; after: number; limit?: number }
  | { page: 'not-found'; path: string };

/** The ledger as of a business date and as recorded at an instant; absent: everything, today. */
export type View = { asOf?: string; recordedAsOf?: string };

export type Location = { route: Route; view: View };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

export function parseLocation(hash: string): Location {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const params = new URLSearchParams(query);
  const view: View = {};
  const asOf = params.get('asOf');
  const recordedAsOf = params.get('recordedAsOf');
  if (asOf !== null && DATE.test(asOf)) view.asOf = asOf;
  if (recordedAsOf !== null && INSTANT.test(recordedAsOf)) view.recordedAsOf = recordedAsOf;
  return { route: parseRoute(path, params), view };
}

function parseRoute(path: string, params: URLSearchParams): Route {
  const parts = path
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part));
  if (parts.length === 0) return { page: 'companies' };
  if (parts.length === 1 && parts[0] === 'audit') {
    const after = Number(params.get('after') ?? '0');
    const limit = Number(params.get('limit') ?? '');
    return {
      page: 'audit',
      after: Number.isSafeInteger(after) && after > 0 ? after : 0,
      ...(Number.isInteger(limit) && limit >= 1 && limit <= 1000 ? { limit } : {}),
    };
  }
  if (parts[0] === 'companies') {
    const [, companyId, kind, id] = parts;
    if (parts.length === 1) return { page: 'companies' };
    if (parts.length === 2) return { page: 'company', companyId };
    if (parts.length === 4 && kind === 'targets') return { page: 'target', companyId, targetId: id };
    if (parts.length === 4 && kind === 'metrics') return { page: 'metric', companyId, metricId: id };
  }
  return { page: 'not-found', path: `/${parts.join('/')}` };
}

export function routePath(route: Route): string {
  const enc = encodeURIComponent;
  switch (route.page) {
    case 'companies':
      return '/';
    case 'company':
      return `/companies/${enc(route.companyId)}`;
    case 'target':
      return `/companies/${enc(route.companyId)}/targets/${enc(route.targetId)}`;
    case 'metric':
      return `/companies/${enc(route.companyId)}/metrics/${enc(route.metricId)}`;
    case 'audit':
      return '/audit';
    case 'not-found':
      return route.path;
  }
}

/** The href of a route, keeping the view so that following a link does not lose "as of". */
export function hrefOf(route: Route, view: View): string {
  const params = new URLSearchParams();
  if (view.asOf !== undefined) params.set('asOf', view.asOf);
  if (view.recordedAsOf !== undefined) params.set('recordedAsOf', view.recordedAsOf);
  if (route.page === 'audit' && route.after > 0) params.set('after', String(route.after));
  if (route.page === 'audit' && route.limit !== undefined) params.set('limit', String(route.limit));
  const query = params.toString();
  return `#${routePath(route)}${query === '' ? '' : `?${query}`}`;
}

/** The query string the read endpoints take for a view (`asOf`, `recordedAsOf`). */
export function readQuery(view: View): string {
  const params = new URLSearchParams();
  if (view.asOf !== undefined) params.set('asOf', view.asOf);
  if (view.recordedAsOf !== undefined) params.set('recordedAsOf', view.recordedAsOf);
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}
