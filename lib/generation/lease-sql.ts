// The slot lease, run with different parameter numbers by a worker's own loop (EndpointSlots.refill)
// and by the transaction that creates a run and claims its first jobs (lib/jobs/claim-first-jobs.ts).
// It takes the SQL of its parameters, e.g. '$3'.

/** Leases up to `limit` free (or expired) slots of an endpoint for a worker; RETURNING l.slot. */
export function leaseFreeSlotsSql(p: { endpoint: string; max: string; worker: string; limit: string; leaseMs: string }) {
  return `UPDATE endpoint_leases l SET worker_id = ${p.worker}, expires_at = now() + ${p.leaseMs} * interval '1 millisecond'
   FROM (SELECT slot FROM endpoint_leases
         WHERE endpoint_id = ${p.endpoint} AND slot < ${p.max} AND (worker_id IS NULL OR expires_at < now())
         ORDER BY slot LIMIT ${p.limit} FOR UPDATE SKIP LOCKED) f
   WHERE l.endpoint_id = ${p.endpoint} AND l.slot = f.slot
   RETURNING l.slot`;
}
