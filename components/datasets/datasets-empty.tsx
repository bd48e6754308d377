import { ButtonLink } from '../ui/button';
import { EmptyState } from '../ui/empty-state';
import { DatabaseIcon, UploadIcon } from '../ui/icons';
import { CliSnippet } from './cli-snippet';

export const CLI_IMPORT_EXAMPLE = 'npm run winnow -- import data.jsonl --dataset my-set';

export function DatasetsEmpty({ canImport }: { canImport: boolean }) {
  return (
    <EmptyState icon={<DatabaseIcon className="size-10" />} title="No datasets yet">
      <p>A dataset is a set of prompts, optionally with reference answers and candidate answers you generated elsewhere.</p>
      {canImport && (
        <div className="mt-5">
          <ButtonLink href="/datasets/import" variant="primary">
            <UploadIcon className="size-4" />
            Import a JSONL/CSV/Parquet file
          </ButtonLink>
        </div>
      )}
      <p className="mt-5">{canImport ? 'or from the command line:' : 'A curator can import one, for example from the command line:'}</p>
      <div className="mx-auto mt-2 w-[30rem] max-w-full">
        <CliSnippet command={CLI_IMPORT_EXAMPLE} />
      </div>
    </EmptyState>
  );
}
