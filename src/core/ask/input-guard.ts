/** What to say instead of answering, for input that is not a question about the data. */
export interface InputProblem {
  reason: string;
}

export const MAX_QUESTION_CHARS = 1000;

const POLITE = '(?:please |can you |could you |would you |i want to |i need to |let s |lets |go ahead and |now )*';
const VERBS = [
  'drop',
  'delete',
  'truncate',
  'update',
  'set',
  'insert',
  'create',
  'remove',
  'alter',
  'add',
  'rename',
  'modify',
  'replace',
  'merge',
  'grant',
  'revoke',
  'overwrite',
  'purge',
  'wipe',
  'erase',
  'dedupe',
  'deduplicate',
  'clean',
  'fix',
  'flag',
  'mark',
  'change',
  'edit',
  'write',
  'save',
  'store',
  'load',
  'import',
  'upload',
  'reset',
  'restore',
  'copy',
  'attach',
  'install',
  'kill',
  'shutdown',
  'vacuum',
  'clear',
  'empty',
  'void',
  'refund',
  'cancel',
  'approve',
  'archive',
  'destroy',
  'discard',
  'rebuild',
  'reprocess',
  'recompute',
];
/** The data-changing verbs, for the parser's tolerance: a form of one is never read past. */
export const WRITE_VERB_STEMS: ReadonlySet<string> = new Set(VERBS);
const WRITE_VERBS = new RegExp(`^${POLITE}(${VERBS.join('|')})\\b(?! (?:in|of|over|rate|by)\\b)`);
/** "drop the Brazil filter": a condition taken out of the previous question (a follow-up), not a change to data. */
const DROP_CONDITION =
  /^(?:(?:now|then|and|ok|okay|please) )?(?:drop|remove|clear)(?: the| that| this)? [a-z0-9' -]{1,40}? (?:filter|condition|restriction|constraint)s?$/;

const SQL_START =
  /^\s*(?:(select|with|from|explain|pragma|describe|copy|attach|call|execute|begin|commit)\b[\s\S]*\b(from|as|table|select|database|to)\b|show\s+(?:tables|databases|schemas|columns|all|create)\b)/i;

const FOREIGN_WORDS = [
  'qual',
  'quais',
  'cuál',
  'cual',
  'cuántas',
  'cuantos',
  'cuántos',
  'taxa',
  'tasa',
  'aprovação',
  'aprobación',
  'transações',
  'transacciones',
  'combien',
  'quel',
  'quelle',
  'wie',
  'viele',
  'welche',
  'quanto',
  'quante',
  'ventas',
  'vendas',
  'hoje',
  'hoy',
  'ayer',
  'ontem',
  'aujourd',
  'heute',
  'gestern',
  'der',
  'und',
  'los',
  'las',
  'para',
  'por',
  'está',
  'qué',
  'que',
  'dos',
  'das',
];
const FOREIGN = new RegExp(`\\b(${FOREIGN_WORDS.join('|')})\\b`, 'gi');

/**
 * Checks a question before parsing: empty, too long, SQL pasted as a question, a request to
 * change data, another language, or no words at all (emoji). Each gets a short plain message.
 */
export function checkInput(question: string): InputProblem | undefined {
  const q = question.trim();
  if (q.length === 0) return { reason: 'Type a question about the payments data, for example "approval rate by card network this week".' };
  if (q.length > MAX_QUESTION_CHARS) {
    return {
      reason: `That question is ${q.length.toLocaleString('en-US')} characters long; ask one question in under ${MAX_QUESTION_CHARS.toLocaleString('en-US')} characters.`,
    };
  }
  if (SQL_START.test(q) || /;\s*(drop|delete|insert|update|select)\b/i.test(q)) {
    return {
      reason:
        'That looks like SQL, not a question. Run SQL on the SQL page (or edit the SQL shown under an answer); here, ask in plain words.',
    };
  }
  const lower = q
    .toLowerCase()
    .replace(/[^a-z0-9'\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const write = WRITE_VERBS.exec(lower);
  if (write && !DROP_CONDITION.test(lower)) {
    return {
      reason: `Ask only reads data: it never changes, deletes or creates anything, so I won't ${write[1]} anything. Ask a question about the data instead.`,
    };
  }
  if (
    /\b(card ?numbers?|cardholders?|holder names?|customer names?|e-?mails?|phone numbers?|home address(es)?|social security|passwords?)\b/i.test(
      q,
    )
  ) {
    return {
      reason: 'Ask has no personal or card data (no card numbers, cardholders or contact details), only payment attributes and outcomes.',
    };
  }
  // Amounts are in their own currencies with no conversion: an exchange rate ("EUR/USD", "fx rate") is not in the data.
  if (/\b[A-Z]{3}\s*\/\s*[A-Z]{3}\b/.test(q) || /\b(?:exchange|fx|forex|conversion) rates?\b/i.test(q)) {
    return { reason: 'The payments data has no exchange rates: each amount is kept in its own currency, with no conversion.' };
  }
  if (!/[a-z]{2,}/i.test(q)) return { reason: 'I need a question in words, for example "how many transactions yesterday?".' };
  const letters = q.replace(/[^\p{L}]/gu, '');
  const ascii = letters.replace(/[^a-zA-Z]/g, '');
  const foreign = (q.match(FOREIGN) ?? []).length;
  if (letters.length > 0 && (ascii.length / letters.length < 0.8 || foreign >= 2)) {
    return { reason: 'I only understand questions in English so far. Try, for example, "approval rate in Brazil yesterday".' };
  }
  return undefined;
}
