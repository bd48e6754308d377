import type { CostLine } from '@/lib/insight/cost';
import { Card, CardHeader } from '../ui/card';
import { formatNumber } from '../ui/format';
import { compact, pct, usd } from './format';

function Rows({ title, lines }: { title: string; lines: CostLine[] }) {
  return (
    <>
      <tr className="bg-zinc-50/80">
        <th colSpan={7} scope="colgroup" className="px-4 py-1.5 text-left text-xs font-semibold tracking-wide text-zinc-500 uppercase">
          {title}
        </th>
      </tr>
      {lines.map((l) => (
        <tr key={`${title}-${l.key}`} className="tabular-nums">
          <td className="px-4 py-1.5 text-zinc-800">{l.key}</td>
          <td className="px-3 py-1.5 text-right">{formatNumber(l.candidates)}</td>
          <td className="px-3 py-1.5 text-right">{formatNumber(l.accepted)}</td>
          <td className="px-3 py-1.5 text-right">{pct(l.acceptanceRate)}</td>
          <td className="px-3 py-1.5 text-right">{compact.format(l.promptTokens + l.completionTokens)}</td>
          <td className="px-3 py-1.5 text-right">{l.costUsd > 0 ? usd(l.costUsd) : '—'}</td>
          <td className="px-4 py-1.5 text-right font-semibold text-zinc-900">{l.acceptedPerDollar == null ? '—' : formatNumber(Math.round(l.acceptedPerDollar))}</td>
        </tr>
      ))}
    </>
  );
}

export function CostTable({ runs, models, endpoints, total }: { runs: CostLine[]; models: CostLine[]; endpoints: CostLine[]; total: CostLine }) {
  return (
    <Card aria-labelledby="cost-heading" className="overflow-hidden">
      <CardHeader
        id="cost-heading"
        title="Cost and yield"
        actions={<span className="text-xs text-zinc-500">{total.acceptedPerDollar == null ? 'no cost recorded' : `${formatNumber(Math.round(total.acceptedPerDollar))} accepted per $ overall`}</span>}
      />
      <div className="overflow-x-auto">
        <table className="w-full text-sm" aria-label="Cost per run, model and endpoint">
          <thead className="border-b border-zinc-100 text-xs text-zinc-500">
            <tr>
              <th className="px-4 py-2 text-left font-medium"> </th>
              <th className="px-3 py-2 text-right font-medium">Candidates</th>
              <th className="px-3 py-2 text-right font-medium">Accepted</th>
              <th className="px-3 py-2 text-right font-medium">Rate</th>
              <th className="px-3 py-2 text-right font-medium">Tokens</th>
              <th className="px-3 py-2 text-right font-medium">Cost</th>
              <th className="px-4 py-2 text-right font-medium">Accepted / $</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-50">
            <Rows title="Runs" lines={runs} />
            {models.length > 1 && <Rows title="Models" lines={models} />}
            {endpoints.some((e) => e.key !== '(no endpoint)') && <Rows title="Endpoints" lines={endpoints} />}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
