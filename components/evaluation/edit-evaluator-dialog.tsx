'use client';
import { useState } from 'react';
import { updateEvaluatorAction } from '@/app/(workbench)/datasets/[id]/evaluators/actions';
import type { EvaluatorDto } from '@/lib/evaluation/manage-evaluators';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { Field, Input, Textarea } from '../ui/input';
import { configFieldErrors, FieldErrors } from './field-errors';

/** What a config change will do to this evaluator's scores, said before saving. */
function configHint(kind: string): string {
  if (kind === 'imported') return 'Its scores came with the import: a new config re-normalises them from their raw values (e.g. "normalize": {"min": -5, "max": 5} or "sigmoid"); none are deleted.';
  if (kind === 'reward-model') return 'Changing only "normalize" re-normalises the stored raw scores; any other change deletes its scores so the judge scores them again.';
  return 'A config that means something different deletes this evaluator’s scores (only); run the evaluators again to re-score them.';
}

/** "Edit": weight and config of one evaluator; the verdicts are re-derived by a queued job. */
export function EditEvaluatorDialog({ evaluator, onSaved }: { evaluator: EvaluatorDto; onSaved: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [weight, setWeight] = useState(String(evaluator.weight));
  const [config, setConfig] = useState(JSON.stringify(evaluator.config, null, 2));
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const configErrors = configFieldErrors(fieldErrors);

  function onOpenChange(next: boolean) {
    if (next) {
      setWeight(String(evaluator.weight));
      setConfig(JSON.stringify(evaluator.config, null, 2));
      setMessage(null);
      setFieldErrors({});
    }
    setOpen(next);
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setMessage(null);
    setFieldErrors({});
    try {
      const r = await updateEvaluatorAction({ id: evaluator.id, weight, config });
      if (!r.ok) {
        setMessage(r.message);
        setFieldErrors(r.fieldErrors ?? {});
        return;
      }
      setOpen(false);
      const what = r.data.renormalize
        ? 'its scores are re-normalised from their raw values'
        : r.data.deletedScores
          ? `${r.data.deletedScores.toLocaleString('en-US')} scores deleted — run the evaluators to re-score`
          : 'scores kept';
      onSaved(`Updated ${evaluator.name}: ${what}.`);
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Edit ${evaluator.name}`} data-testid="edit-evaluator">
          Edit
        </Button>
      }
      title={`Edit ${evaluator.name}`}
      description={configHint(evaluator.kind)}
    >
      <form onSubmit={submit} className="space-y-3" noValidate>
        <Field id={`ev-edit-weight-${evaluator.id}`} label="Weight">
          <Input id={`ev-edit-weight-${evaluator.id}`} inputMode="decimal" value={weight} onChange={(e) => setWeight(e.target.value)} />
          <FieldErrors id={`ev-edit-weight-err-${evaluator.id}`} errors={fieldErrors.weight} />
        </Field>
        <Field id={`ev-edit-config-${evaluator.id}`} label="Config (JSON)">
          <Textarea
            id={`ev-edit-config-${evaluator.id}`}
            rows={8}
            spellCheck={false}
            className="font-mono text-xs"
            value={config}
            onChange={(e) => setConfig(e.target.value)}
            aria-invalid={configErrors.length > 0}
          />
          <FieldErrors id={`ev-edit-config-err-${evaluator.id}`} errors={configErrors} />
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
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? 'Saving…' : 'Save'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
