'use client';

import { useState, useTransition } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Field, Input } from '@/components/ui/input';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { EndpointDto } from '@/lib/endpoints/endpoint-dto';

type Report = { ok: boolean; message: string; latencyMs: number | null; supportsN: boolean | null };
type Result<T = unknown> = { ok: true; data?: T } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };
type Actions = {
  create: (input: Record<string, string>) => Promise<Result>;
  remove: (input: { id: number }) => Promise<Result>;
  test: (input: { id: number }) => Promise<Result<Report>>;
};

const FIELDS = [
  { name: 'name', label: 'Name', placeholder: 'openai-mini', required: true },
  { name: 'baseUrl', label: 'Base URL', placeholder: 'https://api.openai.com/v1', required: true },
  { name: 'model', label: 'Model', placeholder: 'gpt-4o-mini', required: true },
  { name: 'apiKeyEnv', label: 'API key variable', placeholder: 'OPENAI_API_KEY', hint: 'The variable’s name, set where Winnow runs.' },
  { name: 'maxConcurrency', label: 'Max concurrency', placeholder: '8' },
  { name: 'rpm', label: 'Requests / min', placeholder: 'no limit' },
  { name: 'tpm', label: 'Tokens / min', placeholder: 'no limit' },
  { name: 'priceInPerM', label: 'USD / 1M input', placeholder: '0.15' },
  { name: 'priceOutPerM', label: 'USD / 1M output', placeholder: '0.60' },
] as const;

const money = (v: number | null) => (v == null ? '—' : `$${v}`);

export function EndpointsManager({ endpoints, canEdit, canTest, actions }: { endpoints: EndpointDto[]; canEdit: boolean; canTest: boolean; actions: Actions }) {
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [reports, setReports] = useState<Record<number, Report>>({});

  // onSubmit rather than <form action>: React resets a form after its action, and a rejected submit
  // must keep what was typed. Cleared only on success.
  function create(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    startTransition(async () => {
      const r = await actions.create(Object.fromEntries([...form].map(([k, v]) => [k, String(v)])));
      if (r.ok) formEl.reset();
      setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
      setNotice(r.ok ? { ok: true, text: `Endpoint “${form.get('name')}” added. Test it to check the key and whether it honours n.` } : { ok: false, text: r.message });
    });
  }

  return (
    <div className="space-y-6">
      {notice && (
        <p role="status" className={`rounded-md px-4 py-3 text-sm ${notice.ok ? 'bg-emerald-50 text-emerald-800' : 'bg-rose-50 text-rose-800'}`}>
          {notice.text}
        </p>
      )}
      {endpoints.length === 0 ? (
        <EmptyState title="No endpoints yet">
          Add the model server that will write candidates or judge them{canEdit ? ' below' : ' (an admin can add one)'}, or from the command line:
          <code className="mt-2 block font-mono text-xs">npm run winnow -- endpoints add --name vllm --base-url http://localhost:8000/v1 --model my-model</code>
        </EmptyState>
      ) : (
        <Table aria-label="Endpoints">
          <THead>
            <tr>
              <Th>Name</Th>
              <Th>Server</Th>
              <Th>API key</Th>
              <Th align="right">Concurrency</Th>
              <Th align="right">RPM / TPM</Th>
              <Th align="right">Price in / out</Th>
              <Th>n</Th>
              <Th align="right" />
            </tr>
          </THead>
          <TBody>
            {endpoints.map((e) => (
              <tr key={e.id}>
                <Td className="font-medium text-zinc-900">{e.name}</Td>
                <Td>
                  <div className="font-mono text-xs text-zinc-700">{e.baseUrl}</div>
                  <div className="text-xs text-zinc-500">{e.model}</div>
                  {reports[e.id] && (
                    <div role="status" className={`mt-1 text-xs ${reports[e.id].ok ? 'text-emerald-700' : 'text-rose-700'}`}>
                      {reports[e.id].message}
                    </div>
                  )}
                </Td>
                <Td>
                  {e.apiKeyEnv ? (
                    <span className="flex items-center gap-1.5">
                      <code className="font-mono text-xs">{e.apiKeyEnv}</code>
                      <Badge tone={e.keyStatus === 'set' ? 'emerald' : 'rose'} title={e.keyStatus === 'set' ? 'Set on the server' : 'Not set on the server'}>
                        {e.keyStatus === 'set' ? 'set' : 'missing'}
                      </Badge>
                    </span>
                  ) : (
                    <span className="text-xs text-zinc-400">none</span>
                  )}
                </Td>
                <Td align="right">{e.maxConcurrency}</Td>
                <Td align="right">
                  {e.rpm ?? '—'} / {e.tpm ?? '—'}
                </Td>
                <Td align="right">
                  {money(e.priceInPerM)} / {money(e.priceOutPerM)}
                </Td>
                <Td>{e.supportsN == null ? <span className="text-zinc-400">?</span> : e.supportsN ? <Badge tone="emerald">yes</Badge> : <Badge>no</Badge>}</Td>
                <Td align="right">
                  <div className="flex justify-end gap-2">
                    {canTest && (
                      <Button
                        size="sm"
                        disabled={pending}
                        onClick={() =>
                          startTransition(async () => {
                            const r = await actions.test({ id: e.id });
                            if (r.ok && r.data) setReports((m) => ({ ...m, [e.id]: r.data! }));
                            else if (!r.ok) setNotice({ ok: false, text: r.message });
                          })
                        }
                      >
                        Test
                      </Button>
                    )}
                    {canEdit && (
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={pending}
                        onClick={() => {
                          if (!confirm(`Delete endpoint “${e.name}”? Runs keep their candidates.`)) return;
                          startTransition(async () => {
                            const r = await actions.remove({ id: e.id });
                            setNotice(r.ok ? { ok: true, text: `Deleted “${e.name}”.` } : { ok: false, text: r.message });
                          });
                        }}
                      >
                        Delete
                      </Button>
                    )}
                  </div>
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}

      {canEdit && (
        <Card>
          <CardHeader title="Add an endpoint" />
          <CardBody>
            <form onSubmit={create} className="grid grid-cols-1 gap-4 md:grid-cols-3">
              {FIELDS.map((f) => (
                <Field
                  key={f.name}
                  id={`ep-${f.name}`}
                  label={f.label}
                  optional={!('required' in f)}
                  hint={errors[f.name]?.[0] ? <span className="text-rose-600">{errors[f.name][0]}</span> : 'hint' in f ? f.hint : undefined}
                >
                  <Input id={`ep-${f.name}`} name={f.name} placeholder={f.placeholder} required={'required' in f} aria-invalid={errors[f.name] ? true : undefined} />
                </Field>
              ))}
              <div className="md:col-span-3">
                <Button type="submit" variant="primary" disabled={pending}>
                  Add endpoint
                </Button>
              </div>
            </form>
          </CardBody>
        </Card>
      )}
    </div>
  );
}
