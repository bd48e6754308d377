// Anything that is neither a math problem nor a judge request gets a varied paragraph that mentions
// the prompt's own words, so candidates differ (dedupe, diversity) but stay on topic.
import type { Responder } from './responder';
import { intBetween, pick } from './rng';

const STOP = new Set(['about', 'after', 'again', 'their', 'there', 'these', 'those', 'which', 'would', 'could', 'should', 'where', 'while', 'write', 'please', 'explain', 'describe', 'something']);

function topics(prompt: string): string[] {
  const words = (prompt.toLowerCase().match(/[a-z][a-z-]{4,}/g) ?? []).filter((w) => !STOP.has(w));
  return [...new Set(words)];
}

const SENTENCES = [
  'When thinking about {t}, it helps to start from the basics.',
  'A common view is that {t} depends on context more than on any single rule.',
  'One practical approach to {t} is to try a small example first.',
  'Experts often point out that {t} and {u} are closely related.',
  'The key trade-off with {t} is between simplicity and completeness.',
  'In short, {t} rewards careful, incremental work.',
  'It is worth noting how {u} changes the picture.',
  'Many people underestimate how much {t} matters in practice.',
  'A good summary: understand {t}, then look at {u}.',
  'History shows that ideas about {t} evolve over time.',
];

export const genericResponder: Responder = (ctx) => {
  const { rng } = ctx;
  const words = topics(ctx.prompt);
  const t = words.length ? pick(rng, words) : 'this topic';
  const u = words.length > 1 ? pick(rng, words.filter((w) => w !== t)) : 'the details';
  const count = intBetween(rng, 3, 6);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(pick(rng, SENTENCES).replace('{t}', t).replace('{u}', u));
  return out.join(' ');
};
