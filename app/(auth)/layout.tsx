import { WinnowMark } from '@/components/shell/logo';

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-center gap-2 text-zinc-900">
          <WinnowMark className="size-7" />
          <span className="text-xl font-semibold tracking-tight">Winnow</span>
        </div>
        {children}
      </div>
    </main>
  );
}
