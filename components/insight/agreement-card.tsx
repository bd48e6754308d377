import Link from 'next/link';
import type { Agreement } from '@/lib/insight/agreement';
import type { EvaluatorAgreement } from '@/lib/insight/get-dataset-stats';
import { Card, CardBody, CardHeader } from '../ui/card';
import { EmptyState } from '../ui/empty-state';
import { formatNumber } from '../ui/format';
import { ciText, dec, kappaWords, pct } from './format';

function Metric({ label, value, sub, hint }: { label: string; value: string; sub: string; hint: string }) {
  return (
    <div className="rounded-md bg-zinc-50 px-3 py-2" title={hint}>
      <div className="text-xs font-medium text-zinc-500">{label}</div>
      <div className="text-lg font-semibold text-zinc-900 tabular-nums">{value}</div>
      <div className="text-[11px] text-zinc-500 tabular-nums">{sub}</div>
    </div>
  );
}

function Cell({ n, total, tone }: { n: number; total: number; tone: 'good' | 'bad' }) {
  return (
    <td className={tone === 'good' ? 'bg-emerald-50 px-3 py-2 text-right tabular-nums' : 'bg-rose-50 px-3 py-2 text-right tabular-nums'}>
      <span className="font-semibold text-zinc-900">{formatNumber(n)}</span>
      <span className="ml-1.5 text-xs text-zinc-500">{total ? pct(n / total, 0) : ''}</span>
    </td>
  );
}

export function ConfusionMatrix({ a }: { a: Agreement }) {
  const c = a.confusion;
  return (
    <table className="w-full border-collapse text-sm" aria-label="Confusion matrix">
      <thead>
        <tr className="text-xs text-zinc-500">
          <th className="px-3 py-1.5 text-left font-medium">Machine ↓ · Curator →</th>
          <th className="px-3 py-1.5 text-right font-medium">Approved</th>
          <th className="px-3 py-1.5 text-right font-medium">Rejected</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-white">
        <tr>
          <th scope="row" className="px-3 py-2 text-left font-medium text-zinc-700">Auto-accepted</th>
          <Cell n={c.tp} total={a.n} tone="good" />
          <Cell n={c.fp} total={a.n} tone="bad" />
        </tr>
        <tr>
          <th scope="row" className="px-3 py-2 text-left font-medium text-zinc-700">Auto-rejected</th>
          <Cell n={c.fn} total={a.n} tone="bad" />
          <Cell n={c.tn} total={a.n} tone="good" />
        </tr>
      </tbody>
    </table>
  );
}

export function AgreementCard({ a, pendingReviewed, reviewHref, perEvaluator }: { a: Agreement; pendingReviewed: number; reviewHref: string; perEvaluator: EvaluatorAgreement[] }) {
  return (
    <Card aria-labelledby="agreement-heading">
      <CardHeader id="agreement-heading" title="Judge vs curators" actions={<span className="text-xs text-zinc-500">{formatNumber(a.n)} reviewed candidates</span>} />
      <CardBody>
        {a.n === 0 ? (
          <EmptyState title="No reviewed candidates yet" className="border-0 py-8">
            Review some on the <Link href={reviewHref} className="font-medium text-indigo-700 hover:underline">Review page</Link> to measure agreement.
          </EmptyState>
        ) : (
          <div className="space-y-4">
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="agreement-metrics">
              <Metric label="Cohen's κ" value={dec(a.kappa)} sub={`${kappaWords(a.kappa)} · ${ciText(a.kappaCi, false)}`} hint="Agreement beyond chance between auto verdict and curator decision" />
              <Metric label="Accuracy" value={pct(a.accuracy)} sub={ciText(a.accuracyCi)} hint="Share of reviewed candidates where the machine and the curator agree" />
              <Metric label="Precision" value={pct(a.precision)} sub={ciText(a.precisionCi)} hint="Of the auto-accepted, the share curators approved" />
              <Metric label="Recall" value={pct(a.recall)} sub={ciText(a.recallCi)} hint="Of the approved, the share the machine auto-accepted" />
            </div>
            <ConfusionMatrix a={a} />
            {pendingReviewed > 0 && <p className="text-xs text-zinc-500">{formatNumber(pendingReviewed)} reviewed candidates still have a pending auto verdict and are left out.</p>}
            {perEvaluator.length > 0 && (
              <table className="w-full text-sm" aria-label="Agreement per evaluator">
                <thead className="text-xs text-zinc-500">
                  <tr className="border-b border-zinc-100">
                    <th className="py-1.5 text-left font-medium">Evaluator</th>
                    <th className="py-1.5 text-right font-medium">n</th>
                    <th className="py-1.5 text-right font-medium">κ</th>
                    <th className="py-1.5 text-right font-medium">Accuracy</th>
                    <th className="py-1.5 text-right font-medium">Precision</th>
                    <th className="py-1.5 text-right font-medium">Recall</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-50 tabular-nums">
                  {perEvaluator.map((e) => (
                    <tr key={e.evaluatorId}>
                      <td className="py-1.5 text-zinc-800">
                        {e.name} <span className="text-xs text-zinc-400">{e.role}</span>
                      </td>
                      <td className="py-1.5 text-right">{formatNumber(e.agreement.n)}</td>
                      <td className="py-1.5 text-right" title={ciText(e.agreement.kappaCi, false)}>{dec(e.agreement.kappa)}</td>
                      <td className="py-1.5 text-right" title={ciText(e.agreement.accuracyCi)}>{pct(e.agreement.accuracy)}</td>
                      <td className="py-1.5 text-right" title={ciText(e.agreement.precisionCi)}>{pct(e.agreement.precision)}</td>
                      <td className="py-1.5 text-right" title={ciText(e.agreement.recallCi)}>{pct(e.agreement.recall)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
