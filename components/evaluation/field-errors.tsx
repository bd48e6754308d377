/** A field's validation messages under it (nothing when there are none). */
export function FieldErrors({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} role="alert" className="text-xs text-rose-700">
      {errors.join('; ')}
    </p>
  );
}

/** The errors of `config` and its nested keys (`config.url` …), each prefixed with its path. */
export function configFieldErrors(fieldErrors: Record<string, string[]>): string[] {
  return Object.entries(fieldErrors)
    .filter(([k]) => k === 'config' || k.startsWith('config.'))
    .map(([k, v]) => `${k}: ${v.join('; ')}`);
}
