import { PageContainer, TopBar } from '@/components/shell/top-bar';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export default function NotFound() {
  return (
    <>
      <TopBar user={null} />
      <PageContainer>
        <EmptyState
          title="Page not found"
          actions={
            <>
              <ButtonLink href="/datasets" variant="primary">
                All datasets
              </ButtonLink>
              <ButtonLink href="/datasets/import">Import data</ButtonLink>
            </>
          }
        >
          Nothing lives at this address. The link may be mistyped, or what it pointed to was deleted.
        </EmptyState>
      </PageContainer>
    </>
  );
}
