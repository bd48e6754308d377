import { TopBar } from '@/components/shell/top-bar';
import { currentUser } from '@/lib/auth/current-user';

// Pages check access themselves (requirePageRole); the layout only shows who is signed in.
export default async function WorkbenchLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <TopBar user={user && { name: user.name, email: user.email, role: user.role }} />
      <div id="main" className="flex flex-1 flex-col">
        {children}
      </div>
    </div>
  );
}
