'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { CliSnippet } from '../datasets/cli-snippet';
import { Badge } from '../ui/badge';
import { Button, ButtonLink } from '../ui/button';
import { Card, CardBody, CardHeader } from '../ui/card';
import { Field, Input, Select, Textarea } from '../ui/input';
import { generateCommand, type GenerateFormValues } from './generate-command';
import type { StartRunAction } from './run-types';

export type EndpointOption = { id: number; name: string; model: string; keyStatus: 'set' | 'missing' | 'none'; supportsN: boolean | null };

const NUMBER_FIELDS = [
  { name: 'n', label: 'Candidates per prompt (N)', placeholder: '4', hint: 'Samples per prompt, 1–128.', required: true },
  { name: 'temperature', label: 'Temperature', placeholder: 'server default', hint: '0–2; around 0.7–1.0 gives varied samples.' },
  { name: 'topP', label: 'Top-p', placeholder: 'server default', hint: 'Nucleus sampling, 0–1.' },
  { name: 'maxTokens', label: 'Max tokens', placeholder: 'server default', hint: 'Per candidate.' },
  { name: 'seed', label: 'Seed', placeholder: 'none', hint: 'Sample i uses seed + i.' },
] as const;

/** The Start generation form. Controlled inputs (React 19 resets a form after its action). */
export function StartRunForm({ datasetId, datasetName, endpoints, action }: { datasetId: number; datasetName: string; endpoints: EndpointOption[]; action: StartRunAction }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [values, setValues] = useState<GenerateFormValues>({
    endpoint: String(endpoints[0]?.id ?? ''),
    n: '4',
    temperature: '0.8',
    topP: '',
    maxTokens: '',
    seed: '',
    system: '',
    onlyUnsolved: false,
    batch: false,
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const set = <K extends keyof GenerateFormValues>(k: K, v: GenerateFormValues[K]) => setValues((s) => ({ ...s, [k]: v }));
  const endpoint = endpoints.find((e) => String(e.id) === values.endpoint);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    startTransition(async () => {
      const { endpoint: endpointId, ...rest } = values;
      const r = await action({ ...rest, datasetId: String(datasetId), endpointId });
      if (r.ok) {
        router.push(`/datasets/${datasetId}/runs/${r.data.id}`);
        return;
      }
      setErrors(r.fieldErrors ?? {});
      setMessage(r.message);
    });
  }

  const hint = (name: string, fallback?: string) => (errors[name]?.[0] ? <span className="text-rose-600">{errors[name][0]}</span> : fallback);

  return (
    <form onSubmit={submit} className="space-y-5">
      {message && (
        <p role="alert" className="rounded-md bg-rose-50 px-4 py-3 text-sm text-rose-800">
          {message}
        </p>
      )}
      <Card>
        <CardHeader title="Model" />
        <CardBody className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <Field id="run-endpoint" label="Endpoint" hint={hint('endpointId', endpoint ? `Model ${endpoint.model}` : undefined)}>
            <Select id="run-endpoint" value={values.endpoint} onChange={(e) => set('endpoint', e.target.value)} required className="w-full">
              {endpoints.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name} — {e.model}
                </option>
              ))}
            </Select>
          </Field>
          <div className="flex flex-wrap items-end gap-2 pb-1 text-xs text-zinc-600">
            {endpoint?.keyStatus === 'missing' && <Badge tone="rose">API key variable not set on the server</Badge>}
            {endpoint?.supportsN === true && <Badge tone="emerald">honours n: one request per prompt</Badge>}
            {endpoint?.supportsN === false && <Badge>ignores n: N requests per prompt</Badge>}
            {endpoint?.supportsN == null && <Badge>n support detected on the first answers</Badge>}
          </div>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Sampling" />
        <CardBody className="space-y-4">
          <div className="grid grid-cols-2 gap-4 md:grid-cols-5">
            {NUMBER_FIELDS.map((f) => (
              <Field key={f.name} id={`run-${f.name}`} label={f.label} optional={!('required' in f)} hint={hint(f.name, f.hint)}>
                <Input
                  id={`run-${f.name}`}
                  inputMode="decimal"
                  value={values[f.name]}
                  placeholder={f.placeholder}
                  required={'required' in f}
                  aria-invalid={errors[f.name] ? true : undefined}
                  onChange={(e) => set(f.name, e.target.value)}
                />
              </Field>
            ))}
          </div>
          <Field id="run-system" label="System prompt" optional hint={hint('system', 'Replaces the prompts’ own system message, if any.')}>
            <Textarea id="run-system" rows={3} value={values.system} onChange={(e) => set('system', e.target.value)} placeholder="You are a careful math tutor. End with “#### <answer>”." />
          </Field>
          <div className="space-y-2 text-sm">
            <label className="flex items-start gap-2">
              <input type="checkbox" className="mt-0.5 size-4 accent-indigo-600" checked={values.onlyUnsolved} onChange={(e) => set('onlyUnsolved', e.target.checked)} />
              <span>
                <span className="font-medium text-zinc-800">Only unsolved prompts</span>
                <span className="block text-xs text-zinc-500">Skip prompts that already have an accepted or approved candidate (the usual second round).</span>
              </span>
            </label>
            <label className="flex items-start gap-2">
              <input type="checkbox" className="mt-0.5 size-4 accent-indigo-600" checked={values.batch} onChange={(e) => set('batch', e.target.checked)} />
              <span>
                <span className="font-medium text-zinc-800">Batch API mode</span>
                <span className="block text-xs text-zinc-500">For providers with OpenAI’s Batch API: about half the price, results within 24 hours.</span>
              </span>
            </label>
          </div>
        </CardBody>
      </Card>

      <div className="space-y-1.5">
        <div className="text-xs font-medium text-zinc-500">The same from the command line</div>
        <CliSnippet command={generateCommand(datasetName, { ...values, endpoint: endpoint?.name ?? '' })} />
      </div>

      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={pending || !endpoint}>
          {pending ? 'Starting …' : 'Start generation'}
        </Button>
        <ButtonLink href={`/datasets/${datasetId}/runs`} variant="ghost">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
