import type { Command } from 'commander';
import { statsQuerySchema } from '../../insight/schemas';
import { action, CliError, printJson, withDatabase } from '../run-command';

type StatsCliOptions = { dataset: string; json?: boolean; targetPrecision?: string };

const pct = (v: number | null | undefined) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null | undefined, d = 3) => (v == null ? '—' : v.toFixed(d));
const ci = (c: { low: number; high: number } | null) => (c ? ` [${num(c.low)}, ${num(c.high)}]` : '');

export function registerStatsCommand(program: Command) {
  program
    .command('stats')
    .description('Insight: judge agreement with curators, calibration, threshold suggestion, yield by N, cost')
    .requiredOption('--dataset <name>', 'dataset name')
    .option('--target-precision <p>', 'suggest the lowest threshold whose auto-accepts reach this precision (0..1)')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: StatsCliOptions) => {
        const parsed = statsQuerySchema.safeParse({ targetPrecision: opts.targetPrecision });
        if (!parsed.success) throw new CliError(`--target-precision ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
        const { loadDatasetStats } = await import('../../insight/load-dataset-stats');
        const { statsJson } = await import('../../insight/stats-json');
        const result = await withDatabase(() => loadDatasetStats({ name: opts.dataset }, parsed.data));
        if (!result) throw new CliError(`no dataset named "${opts.dataset}" (see: npm run winnow -- datasets list)`);
        const j = statsJson(result.dataset.name, result.stats);
        if (opts.json) return printJson(j);
        const a = j.agreement;
        console.log(`${j.dataset}: ${j.candidates} candidates, ${j.reviewed} reviewed`);
        if (result.stats.policyError) console.log(`policy: ${result.stats.policyError}`);
        console.log(`agreement (n=${a.n}): κ ${num(a.kappa)}${ci(a.kappa_ci)}, accuracy ${pct(a.accuracy)}, precision ${pct(a.precision)}, recall ${pct(a.recall)}`);
        const t = j.threshold_suggestion;
        console.log(
          t
            ? `suggested threshold ${t.threshold.toFixed(2)} (now ${num(t.current, 2)}; ${t.mode === 'precision' ? 'target precision' : 'best agreement'}): would accept ${t.would_accept} more, reject ${t.would_reject}`
            : 'suggested threshold: — (review some candidates first)',
        );
        console.log(`yield by N: ${j.yield_by_n.map((s, i) => `k=${i + 1} ${pct(s)}`).join(', ') || '—'}`);
        console.log(`accepted per dollar: ${j.accepted_per_dollar == null ? '— (no cost recorded)' : j.accepted_per_dollar.toFixed(1)}; total cost $${j.cost.total_usd.toFixed(4)}`);
        console.log(`server time ${j.server_ms} ms`);
      }),
    );
}
