/** The Winnow mark: grain above a sieve, one good grain through (same drawing as public/winnow.svg). */
export function WinnowMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" fill="none" className={className} aria-hidden>
      <rect width="32" height="32" rx="8" fill="#4f46e5" />
      <ellipse cx="10.5" cy="8.6" rx="1.6" ry="2.2" transform="rotate(-25 10.5 8.6)" fill="#fff" fillOpacity=".55" />
      <ellipse cx="16" cy="7.2" rx="1.6" ry="2.2" fill="#fff" fillOpacity=".8" />
      <ellipse cx="21.5" cy="8.6" rx="1.6" ry="2.2" transform="rotate(25 21.5 8.6)" fill="#fff" fillOpacity=".55" />
      <path d="M7 14h18M9 14c0 4.2 3.1 7.4 7 7.4s7-3.2 7-7.4" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
      <circle cx="16" cy="25.6" r="1.7" fill="#a7f3d0" />
    </svg>
  );
}
