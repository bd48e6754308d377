import type { RunStatus } from '@/lib/generation/run-dto';
import { Badge } from '../ui/badge';
import { STATUS_TONE } from './run-format';

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <Badge tone={STATUS_TONE[status]} dot>
      <span data-testid="run-status">{status}</span>
    </Badge>
  );
}
