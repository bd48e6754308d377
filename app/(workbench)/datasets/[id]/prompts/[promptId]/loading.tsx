import { PageContainer } from '@/components/shell/top-bar';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <PageContainer>
      <div aria-busy="true" aria-label="Loading prompt">
        <div className="mb-5 flex items-end justify-between">
          <div className="space-y-2">
            <Skeleton className="h-4 w-48" />
            <Skeleton className="h-6 w-56" />
          </div>
          <Skeleton className="h-7 w-64" />
        </div>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
          <div className="space-y-4">
            <Skeleton className="h-56" />
            <Skeleton className="h-24" />
          </div>
          <div className="space-y-3">
            {Array.from({ length: 3 }, (_, i) => (
              <Skeleton key={i} className="h-64" />
            ))}
          </div>
        </div>
      </div>
    </PageContainer>
  );
}
