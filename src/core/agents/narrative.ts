import type { ChatMessage } from '../llm/llm-client';
import type { Finding } from './types';

/** Any chat-completion backend: the agents only need text in, text out (Ask's LLM settings plug in here). */
export type ChatComplete = (messages: ChatMessage[], options: { signal?: AbortSignal }) => Promise<string>;

export interface NarrativeResult {
  narrative: string | null;
  /** Why the model's text was not kept, when it was not. */
  rejected?: string;
}

const SYSTEM = [
  'You write a short narrative (two or three sentences) for a payments analyst about one finding of an analysis agent.',
  'Say what happened, why it matters and what to do. Use only numbers that appear in the finding or its evidence rows,',
  'written the same way (you may round them). Never compute, estimate or invent other numbers. No headings, no lists.',
].join(' ');

/** Numbers a text states, ignoring those inside names such as ProcessorA2, p95 or 3DS. */
export function numbersIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/(?<![\p{L}_\d.])\d[\d,]*(?:\.\d+)?(?![\p{L}_\d])/gu)) {
    const n = Number(m[0].replace(/,/g, ''));
    if (Number.isFinite(n)) out.push(n);
  }
  return out;
}

/** Every number the narrative may cite: the finding's own figures and every value of its evidence. */
export function allowedNumbers(finding: Finding): number[] {
  const values = numbersIn(`${finding.title} ${finding.recommendation} ${finding.expectedImpact}`);
  for (const row of finding.evidence.table.rows) {
    for (const cell of row) {
      if (typeof cell === 'number') values.push(Math.abs(cell));
      else if (typeof cell === 'string') values.push(...numbersIn(cell));
    }
  }
  return values;
}

const decimals = (text: string): number => (text.includes('.') ? text.split('.')[1]!.length : 0);

/** The numbers of `narrative` that match nothing in the evidence, even allowing for the narrative's rounding. */
export function unsupportedNumbers(narrative: string, allowed: number[]): string[] {
  const bad: string[] = [];
  for (const m of narrative.matchAll(/(?<![\p{L}_\d.])\d[\d,]*(?:\.\d+)?(?![\p{L}_\d])/gu)) {
    const n = Number(m[0].replace(/,/g, ''));
    const tolerance = 0.5 * 10 ** -decimals(m[0]) + 1e-9;
    if (!allowed.some((a) => Math.abs(a - n) <= tolerance)) bad.push(m[0]);
  }
  return bad;
}

/**
 * Asks the model for a narrative and keeps it only if every number in it is in the evidence;
 * one correction round, then the finding goes without a narrative.
 */
export async function narrate(finding: Finding, chat: ChatComplete, signal?: AbortSignal): Promise<NarrativeResult> {
  const allowed = allowedNumbers(finding);
  const messages: ChatMessage[] = [
    { role: 'system', content: SYSTEM },
    {
      role: 'user',
      content: JSON.stringify({
        title: finding.title,
        recommendation: finding.recommendation,
        expected_impact: finding.expectedImpact,
        evidence: { columns: finding.evidence.table.columns.map((c) => c.name), rows: finding.evidence.table.rows.slice(0, 20) },
      }),
    },
  ];
  let bad: string[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const text = (await chat(messages, { signal })).trim();
    bad = unsupportedNumbers(text, allowed);
    if (text && bad.length === 0) return { narrative: text };
    messages.push({ role: 'assistant', content: text });
    messages.push({
      role: 'user',
      content: `These numbers are not in the evidence: ${bad.join(', ')}. Rewrite the narrative using only numbers from the evidence.`,
    });
  }
  return { narrative: null, rejected: `its numbers ${bad.join(', ')} are not in the evidence` };
}
