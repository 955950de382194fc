import { useId, useState } from 'react';
import type { CompanySummary } from '../api/types.js';
import { useRead } from '../api/use-read.js';
import { Link } from '../components/link.js';
import { LoadState } from '../components/load-state.js';
import { PageTitle } from '../components/page-title.js';
import { FormsSection } from '../forms/forms-section.js';
import { registerCompanyForm } from '../forms/ledger-forms.js';

export function CompaniesPage() {
  const read = useRead<{ companies: CompanySummary[] }>('/companies');
  const [query, setQuery] = useState('');
  const searchId = useId();
  const needle = query.trim().toLowerCase();
  return (
    <>
      <PageTitle title="Companies" />
      <p className="lede">
        What each company promised, against what it reported. Pick a company to see its scoreboard.
      </p>
      <div className="search" role="search">
        <label htmlFor={searchId}>Search companies</label>
        <input
          id={searchId}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="name or id"
        />
      </div>
      <LoadState read={read} what="the companies">
        {({ companies }) => {
          const shown = companies.filter((c) => needle === '' || `${c.id} ${c.name}`.toLowerCase().includes(needle));
          return (
            <>
              <p className="muted" aria-live="polite">
                {shown.length} of {companies.length} companies
              </p>
              <ul className="company-list">
                {shown.map((company) => (
                  <li key={company.id} className="card">
                    <Link to={{ page: 'company', companyId: company.id }} className="card-title">
                      {company.name}
                    </Link>
                    <span className="muted">
                      {company.id} · fiscal year ends {company.fiscalYearEnd} · reports in {company.reportingCurrency}
                    </span>
                    <span>
                      {company.targets} targets · {company.metrics} metrics
                    </span>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </LoadState>
      <FormsSection title="Record" forms={[registerCompanyForm()]} />
    </>
  );
}
