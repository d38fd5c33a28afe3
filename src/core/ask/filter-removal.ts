import type { Filter, Intent } from './intent';

/**
 * "drop the Brazil filter", "remove the Visa condition", "same without the cross-border filter": a follow-up that takes a
 * condition out of the previous question. The words between the verb and "filter" are read as a question of their own;
 * every condition of the previous question they name (the same column, flag or value) goes.
 */
const DROP =
  /^(?:and |now |ok |okay |then |but |same |same thing |same but )?(?:drop|remove|clear|lose|take off|take out|get rid of|ignore|forget|without|no longer filter(?:ing)? (?:by|on|for)|no more|no)(?: the| that| this)? (.+?)(?: filters?| conditions?| restrictions?| constraints?| criteri(?:a|on)| part| bit)?\s*[?.!]*$/i;

const sameFilter = (a: Filter, b: Filter): boolean => {
  if (a.kind === 'flag' && b.kind === 'flag') return a.flag === b.flag;
  if (a.kind === 'values' && b.kind === 'values') return a.dimension === b.dimension && a.values.some((v) => b.values.includes(v));
  if (a.kind === 'number' && b.kind === 'number') return a.column === b.column;
  return false;
};

/** The previous plan without the conditions the follow-up names; undefined when it names none of them. */
export function withoutFilter(question: string, previous: Intent, filtersOf: (words: string) => Filter[]): Intent | undefined {
  const m = DROP.exec(question.trim());
  if (!m?.[1]) return undefined;
  const named = filtersOf(m[1]);
  if (named.length === 0) return undefined;
  const filters = previous.filters.filter((f) => !named.some((n) => sameFilter(f, n)));
  if (filters.length === previous.filters.length) return undefined;
  return { ...previous, filters };
}
