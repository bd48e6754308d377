import { PageContainer } from '@/components/shell/top-bar';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <PageContainer>
      <div className="space-y-6" aria-busy="true" aria-label="Loading dataset">
        <div className="space-y-2">
          <Skeleton className="h-4 w-20" />
          <Skeleton className="h-7 w-64" />
          <Skeleton className="h-4 w-96" />
        </div>
        <div className="grid grid-cols-3 gap-3 xl:grid-cols-6">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-16" />
          ))}
        </div>
        <Skeleton className="h-8 w-32" />
        <div className="flex gap-3">
          <Skeleton className="h-9 w-96" />
          <Skeleton className="h-9 w-52" />
        </div>
        <div className="space-y-px overflow-hidden rounded-lg border border-zinc-200 bg-white">
          {Array.from({ length: 12 }, (_, i) => (
            <div key={i} className="flex gap-4 px-3 py-2.5">
              <Skeleton className="h-4 w-32" />
              <Skeleton className="h-4 flex-1" />
              <Skeleton className="h-4 w-40" />
            </div>
          ))}
        </div>
      </div>
    </PageContainer>
  );
}
