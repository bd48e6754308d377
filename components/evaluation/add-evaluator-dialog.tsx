'use client';
import { useState } from 'react';
import { addEvaluatorAction } from '@/app/(workbench)/datasets/[id]/evaluators/actions';
import type { KindDto } from '@/lib/evaluation/get-evaluation-overview';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { Field, Input, Select, Textarea } from '../ui/input';
import { configFieldErrors, FieldErrors } from './field-errors';

/** "Add evaluator": kind, name, role, weight and the kind's config as JSON; errors name the field. */
export function AddEvaluatorDialog({ datasetId, kinds, onAdded }: { datasetId: number; kinds: KindDto[]; onAdded: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState(kinds[0]?.kind ?? '');
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [weight, setWeight] = useState('1');
  const [config, setConfig] = useState(kinds[0]?.example ?? '{}');
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const info = kinds.find((k) => k.kind === kind);

  const configErrors = configFieldErrors(fieldErrors);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setMessage(null);
    setFieldErrors({});
    try {
      const r = await addEvaluatorAction({ datasetId, kind, name, role, weight, config });
      if (!r.ok) {
        setMessage(r.message);
        setFieldErrors(r.fieldErrors ?? {});
        return;
      }
      setOpen(false);
      setName('');
      onAdded(`Added ${name || kind}: candidates now wait for it — run the evaluators.`);
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="secondary" size="sm" data-testid="add-evaluator">
          Add evaluator
        </Button>
      }
      title="Add an evaluator"
      description="Gates must pass for a candidate to be accepted; scores make up its aggregate."
    >
      <form onSubmit={submit} className="space-y-3" noValidate>
        <Field id="ev-kind" label="Kind" hint={info?.help}>
          <Select
            id="ev-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              setConfig(kinds.find((k) => k.kind === e.target.value)?.example ?? '{}');
            }}
          >
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label} ({k.kind})
              </option>
            ))}
          </Select>
        </Field>
        <div className="grid grid-cols-3 gap-3">
          <Field id="ev-name" label="Name" optional>
            <Input id="ev-name" value={name} placeholder={kind} onChange={(e) => setName(e.target.value)} aria-describedby="ev-name-err" />
            <FieldErrors id="ev-name-err" errors={fieldErrors.name} />
          </Field>
          <Field id="ev-role" label="Role">
            <Select id="ev-role" value={role} onChange={(e) => setRole(e.target.value)}>
              <option value="">default ({info?.defaultRole ?? 'gate'})</option>
              <option value="gate">gate</option>
              <option value="score">score</option>
            </Select>
          </Field>
          <Field id="ev-weight" label="Weight">
            <Input id="ev-weight" inputMode="decimal" value={weight} onChange={(e) => setWeight(e.target.value)} aria-describedby="ev-weight-err" />
            <FieldErrors id="ev-weight-err" errors={fieldErrors.weight} />
          </Field>
        </div>
        <Field id="ev-config" label="Config (JSON)">
          <Textarea
            id="ev-config"
            rows={6}
            spellCheck={false}
            className="font-mono text-xs"
            value={config}
            onChange={(e) => setConfig(e.target.value)}
            aria-invalid={configErrors.length > 0}
            aria-describedby="ev-config-err"
          />
          <FieldErrors id="ev-config-err" errors={configErrors} />
        </Field>
        {message && !Object.keys(fieldErrors).length && (
          <p role="alert" className="text-sm text-rose-700">
            {message}
          </p>
        )}
        <div className="flex justify-end gap-2 pt-1">
          <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={pending || !kind}>
            {pending ? 'Adding…' : 'Add evaluator'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
