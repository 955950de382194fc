import type { FormSpec } from './field-spec.js';
import { WriteForm } from './write-form.js';

/** The page's write forms, each folded away until opened (a native, keyboard-ready disclosure). */
export function FormsSection({ title, forms }: { title: string; forms: FormSpec[] }) {
  return (
    <section className="forms" aria-labelledby={`forms-${forms[0]?.id ?? 'none'}`}>
      <h2 id={`forms-${forms[0]?.id ?? 'none'}`}>{title}</h2>
      {forms.map((spec) => (
        <details key={spec.id} className="form-disclosure" data-form={spec.id}>
          <summary>{spec.title}</summary>
          <WriteForm spec={spec} />
        </details>
      ))}
    </section>
  );
}
