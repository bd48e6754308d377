import { PageContainer } from '@/components/shell/top-bar';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export default function DatasetNotFound() {
  return (
    <PageContainer>
      <EmptyState
        title="Not found"
        actions={
          <ButtonLink href="/datasets" variant="primary">
            All datasets
          </ButtonLink>
        }
      >
        There is no such dataset or prompt here. It may have been deleted, or the link is mistyped.
      </EmptyState>
    </PageContainer>
  );
}
