// Keys of the Insight summary cells (lib/insight/sql/summaries.sql) for writers that compute cells
// in TypeScript instead of by the summary triggers (the import, whole-dataset re-derivation). Same
// IEEE double arithmetic as the SQL on both sides.

/** Histogram bin of a score value: least(9, floor(value * 10 + 1e-9))::int. */
export const histBin = (value: number) => Math.min(9, Math.floor(value * 10 + 1e-9));

/** Aggregate bin (thousandths) of the threshold and reviewed cells: floor(aggregate * 1000 + 1e-6)::int. */
export const aggregateBin = (aggregate: number) => Math.floor(aggregate * 1000 + 1e-6);

/** rank_key of the threshold and reviewed cells: coalesce(rank, 2147483647). */
export const rankKey = (rank: number | null) => rank ?? 2147483647;
