import { ButtonLink } from '../ui/button';
import { TabsNav } from '../ui/tabs';

/** The dataset's section tabs, with the "Generate" button for curators (used by the runs pages). */
export function DatasetTabs({ datasetId, active, promptCount, canGenerate }: { datasetId: number; active: 'prompts' | 'runs' | 'evaluators' | 'review' | 'insight' | 'exports'; promptCount?: string; canGenerate: boolean }) {
  return (
    <div className="flex items-end justify-between gap-4">
      <div className="flex-1">
        <TabsNav
          label="Dataset sections"
          items={[
            { href: `/datasets/${datasetId}`, label: 'Prompts', count: promptCount, active: active === 'prompts' },
            { href: `/datasets/${datasetId}/runs`, label: 'Runs', active: active === 'runs' },
            { href: `/datasets/${datasetId}/evaluators`, label: 'Evaluators', active: active === 'evaluators' },
            { href: `/datasets/${datasetId}/review`, label: 'Review', active: active === 'review', testId: 'open-review' },
            { href: `/datasets/${datasetId}/insight`, label: 'Insight', active: active === 'insight' },
            { href: `/datasets/${datasetId}/exports`, label: 'Exports', active: active === 'exports' },
          ]}
        />
      </div>
      {canGenerate && (
        <ButtonLink href={`/datasets/${datasetId}/runs/new`} variant="primary" size="sm" className="mb-2">
          Generate
        </ButtonLink>
      )}
    </div>
  );
}
