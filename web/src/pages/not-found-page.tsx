import { Link } from '../components/link.js';
import { PageTitle } from '../components/page-title.js';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <>
      <PageTitle title="Page not found" />
      <p>
        The dashboard has no page at <code>{path}</code>. <Link to={{ page: 'companies' }}>Go to the companies</Link>.
      </p>
    </>
  );
}
