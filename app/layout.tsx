import type { Metadata } from 'next';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Winnow', template: '%s · Winnow' },
  description: 'Curate LLM training data by rejection sampling with a human in the loop',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-zinc-50 font-sans text-sm text-zinc-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
