import { Link } from './link.js';

/** Companies / company / this page; the company part when there is one. */
export function Breadcrumb({ company, current }: { company?: { id: string; name: string }; current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to={{ page: 'companies' }}>Companies</Link> /{' '}
      {company && (
        <>
          <Link to={{ page: 'company', companyId: company.id }}>{company.name}</Link> /{' '}
        </>
      )}
      <span aria-current="page">{current}</span>
    </nav>
  );
}
