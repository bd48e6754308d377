import type { Metadata } from 'next';
import { EndpointsManager } from '@/components/endpoints/endpoints-manager';
import { PageContainer } from '@/components/shell/top-bar';
import { requirePageRole } from '@/lib/auth/require-page-role';
import { roleAtLeast } from '@/lib/auth/roles';
import { listEndpoints } from '@/lib/endpoints/manage-endpoints';
import { createEndpointAction, deleteEndpointAction, testEndpointAction } from './actions';

export const metadata: Metadata = { title: 'Endpoints' };
export const dynamic = 'force-dynamic';

export default async function EndpointsPage() {
  const user = await requirePageRole('viewer', '/endpoints');
  const endpoints = await listEndpoints();
  return (
    <PageContainer>
      <div className="mb-5">
        <h1 className="text-xl font-semibold tracking-tight">Endpoints</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-500">
          Any OpenAI-compatible server: OpenAI, vLLM, Ollama, llama.cpp server, LiteLLM, OpenRouter. Winnow stores the <em>name</em> of the
          environment variable that holds the API key, never the key; it is read on the server when a request is made.
        </p>
      </div>
      <EndpointsManager
        endpoints={endpoints}
        canEdit={roleAtLeast(user.role, 'admin')}
        canTest={roleAtLeast(user.role, 'curator')}
        actions={{ create: createEndpointAction, remove: deleteEndpointAction, test: testEndpointAction }}
      />
    </PageContainer>
  );
}
