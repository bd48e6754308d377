'use client';
// The Insight charts (recharts). Props are plain figures from lib/insight.
import { Area, Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ThresholdPoint } from '@/lib/insight/threshold-search';
import type { ReliabilityPoint } from '@/lib/insight/reliability';
import type { EvaluatorHistogram } from '@/lib/insight/histograms';
import type { YieldPoint } from '@/lib/insight/yield-by-n';
import { pct, SERIES_COLORS, STATUS_COLORS } from './format';

const axis = { fontSize: 11, fill: '#71717a' };
const pctTick = (v: number) => `${Math.round(v * 100)}%`;
const tooltipStyle = { fontSize: 12, borderRadius: 6, borderColor: '#e4e4e7' };

export function ThresholdChart({ curve, current, suggested }: { curve: ThresholdPoint[]; current: number; suggested: number | null }) {
  return (
    <div className="h-56" data-testid="threshold-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={curve} margin={{ top: 8, right: 12, bottom: 4, left: -12 }}>
          <CartesianGrid stroke="#f4f4f5" />
          <XAxis dataKey="threshold" type="number" domain={[0, 1]} ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]} tick={axis} />
          <YAxis domain={[0, 1]} tickFormatter={pctTick} tick={axis} />
          <Tooltip contentStyle={tooltipStyle} labelFormatter={(t) => `threshold ${Number(t).toFixed(2)}`} formatter={(v, name) => [name === 'κ' ? Number(v).toFixed(3) : pct(Number(v)), name]} />
          <Legend wrapperStyle={{ fontSize: 12 }} iconType="plainline" />
          {suggested !== current && <ReferenceLine x={current} stroke="#a1a1aa" strokeDasharray="4 3" label={{ value: 'now', position: 'insideTopLeft', fontSize: 11, fill: '#71717a' }} />}
          {suggested !== null && <ReferenceLine x={suggested} stroke="#4f46e5" label={{ value: 'suggested', position: 'insideTopRight', fontSize: 11, fill: '#4f46e5' }} />}
          <Line dataKey="accuracy" name="accuracy" stroke="#4f46e5" dot={false} strokeWidth={2} isAnimationActive={false} />
          <Line dataKey="kappa" name="κ" stroke="#0ea5e9" dot={false} strokeWidth={2} isAnimationActive={false} />
          <Line dataKey="precision" name="precision" stroke="#10b981" dot={false} strokeWidth={1.5} strokeDasharray="5 3" isAnimationActive={false} />
          <Line dataKey="recall" name="recall" stroke="#f59e0b" dot={false} strokeWidth={1.5} strokeDasharray="2 3" isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function ReliabilityChart({ points }: { points: ReliabilityPoint[] }) {
  const data = points.map((p) => ({ mid: p.mid, rate: p.rate, band: p.ci ? [p.ci.low, p.ci.high] : null, total: p.total }));
  return (
    <div className="h-60" data-testid="reliability-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: -12 }}>
          <CartesianGrid stroke="#f4f4f5" />
          <XAxis dataKey="mid" type="number" domain={[0, 1]} ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]} tick={axis} label={{ value: 'score decile', position: 'insideBottomRight', offset: -2, fontSize: 11, fill: '#a1a1aa' }} />
          <YAxis domain={[0, 1]} tickFormatter={pctTick} tick={axis} />
          <Tooltip
            contentStyle={tooltipStyle}
            labelFormatter={(m) => `scores ${(Number(m) - 0.05).toFixed(1)}–${(Number(m) + 0.05).toFixed(1)}`}
            formatter={(v, name) => (name === 'approved' ? [pct(Number(v)), 'approved by curators'] : Array.isArray(v) ? [`${pct(v[0], 0)}–${pct(v[1], 0)}`, '95% CI'] : [String(v), name])}
          />
          <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke="#d4d4d8" strokeDasharray="4 3" />
          <Area dataKey="band" name="95% CI" stroke="none" fill="#c7d2fe" fillOpacity={0.5} connectNulls isAnimationActive={false} />
          <Line dataKey="rate" name="approved" stroke="#4f46e5" strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

export function YieldChart({ series }: { series: { label: string; points: YieldPoint[] }[] }) {
  const n = Math.max(0, ...series.map((s) => s.points.length));
  const data = Array.from({ length: n }, (_, i) => {
    const row: Record<string, number> = { k: i + 1 };
    for (const s of series) if (s.points[i]) row[s.label] = s.points[i].share;
    return row;
  });
  return (
    <div className="h-60" data-testid="yield-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: -12 }}>
          <CartesianGrid stroke="#f4f4f5" />
          <XAxis dataKey="k" type="number" domain={[1, Math.max(1, n)]} allowDecimals={false} tick={axis} label={{ value: 'samples per prompt (k)', position: 'insideBottomRight', offset: -2, fontSize: 11, fill: '#a1a1aa' }} />
          <YAxis domain={[0, 1]} tickFormatter={pctTick} tick={axis} />
          <Tooltip contentStyle={tooltipStyle} labelFormatter={(k) => `first ${k} sample${Number(k) === 1 ? '' : 's'}`} formatter={(v, name) => [pct(Number(v)), name]} />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} iconType="plainline" />}
          {series.map((s, i) => (
            <Line key={s.label} dataKey={s.label} stroke={SERIES_COLORS[i % SERIES_COLORS.length]} strokeWidth={i === 0 ? 2.5 : 1.5} dot={{ r: 3 }} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function HistogramChart({ h }: { h: EvaluatorHistogram }) {
  const data = h.bins.map((b) => ({ ...b, label: `${b.from.toFixed(1)}` }));
  return (
    <div className="h-44" data-testid="histogram-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }} barCategoryGap={2}>
          <CartesianGrid stroke="#f4f4f5" vertical={false} />
          <XAxis dataKey="label" tick={axis} />
          <YAxis tick={axis} allowDecimals={false} />
          <Tooltip contentStyle={tooltipStyle} labelFormatter={(l) => `score ${l}–${(Number(l) + 0.1).toFixed(1)}`} />
          {(['approved', 'accepted', 'rejected', 'pending'] as const).map((s) => (
            <Bar key={s} dataKey={s} stackId="s" fill={STATUS_COLORS[s]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
