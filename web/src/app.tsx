import { useEffect, useMemo, useState } from 'react';
import { ApiKeyField } from './components/api-key-field.js';
import { Link } from './components/link.js';
import { ViewBanner, ViewControls } from './components/view-controls.js';
import { LedgerStateContext, type LedgerState } from './ledger-context.js';
import { AuditPage } from './pages/audit-page.js';
import { CompaniesPage } from './pages/companies-page.js';
import { CompanyPage } from './pages/company-page.js';
import { MetricPage } from './pages/metric-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { TargetPage } from './pages/target-page.js';
import { parseLocation, type Route } from './routing.js';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'companies':
      return <CompaniesPage />;
    case 'company':
      return <CompanyPage companyId={route.companyId} />;
    case 'target':
      return <TargetPage companyId={route.companyId} targetId={route.targetId} />;
    case 'metric':
      return <MetricPage companyId={route.companyId} metricId={route.metricId} />;
    case 'audit':
      return <AuditPage after={route.after} limit={route.limit} />;
    case 'not-found':
      return <NotFoundPage path={route.path} />;
  }
}

export function App() {
  const [location, setLocation] = useState(() => parseLocation(window.location.hash));
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const onHashChange = () => setLocation(parseLocation(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  const state = useMemo<LedgerState>(
    () => ({ ...location, version, recorded: () => setVersion((v) => v + 1) }),
    [location, version],
  );
  const skipToContent = () => document.getElementById('main')?.focus();
  return (
    <LedgerStateContext.Provider value={state}>
      <button type="button" className="skip-link" onClick={skipToContent}>
        Skip to content
      </button>
      <header className="site-header">
        <div className="bar">
          <Link to={{ page: 'companies' }} className="brand">
            KPI Ledger
          </Link>
          <nav aria-label="Main">
            <ul>
              <li>
                <Link to={{ page: 'companies' }}>Companies</Link>
              </li>
              <li>
                <Link to={{ page: 'audit', after: 0 }}>Audit</Link>
              </li>
              <li>
                <a href="/docs">API docs</a>
              </li>
            </ul>
          </nav>
        </div>
        <div className="bar controls">
          <ViewControls />
          <ApiKeyField />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <ViewBanner />
        <Page route={location.route} />
      </main>
      <footer className="site-footer">
        <p>
          Every fact here is an immutable, hash-chained event. The same data as JSON: <a href="/docs">the API</a>.
        </p>
      </footer>
    </LedgerStateContext.Provider>
  );
}
