import { useId, useState, type FormEvent } from 'react';
import { readApiKey, storeApiKey } from '../api/api-key.js';
import { useLedger } from '../ledger-context.js';

/** Optional: an open server needs no key; a key is kept in this tab's session storage only. */
export function ApiKeyField() {
  const { recorded } = useLedger();
  const id = useId();
  const [draft, setDraft] = useState(readApiKey);
  const [saved, setSaved] = useState(readApiKey() !== '');
  const save = (event: FormEvent) => {
    event.preventDefault();
    storeApiKey(draft);
    setSaved(draft.trim() !== '');
    recorded();
  };
  return (
    <details className="api-key">
      <summary>API key: {saved ? 'set' : 'none (open mode)'}</summary>
      <form onSubmit={save}>
        <label htmlFor={id}>API key</label>
        <span className="control-row">
          <input
            id={id}
            type="password"
            autoComplete="off"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            aria-describedby={`${id}-hint`}
          />
          <button type="submit">Save</button>
        </span>
        <p id={`${id}-hint`} className="hint">
          Sent as <code>Authorization: Bearer …</code>; kept in this tab only. Leave empty for an open server.
        </p>
      </form>
    </details>
  );
}
