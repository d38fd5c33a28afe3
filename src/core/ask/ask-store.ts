import { join } from 'node:path';
import type { AskAnswer, Conversation, VerifiedQuestion } from '../../shared/api/domains/ask';
import type { Intent } from './intent';
import { readJsonFile, writeJsonFile } from './json-file';
import { normalise } from './semantic-layer';

/**
 * An answer as kept on disk: the API shape plus the intent follow-ups build on and, for a
 * warehouse answer, the DuckDB-dialect SQL it was generated as (what a thumbs-up verifies).
 */
export type StoredAnswer = AskAnswer & { intent?: Intent; portableSql?: string };
type StoredConversation = Omit<Conversation, 'answers'> & { answers: StoredAnswer[] };

const MAX_CONVERSATIONS = 50;
const MAX_STORED_ROWS = 200;

/**
 * Ask's local memory in the user-data folder: conversations (with ratings) and verified
 * question→SQL pairs, each a small JSON file written atomically.
 */
export class AskStore {
  private readonly historyFile: string;
  private readonly verifiedFile: string;

  constructor(userDataDir: string) {
    this.historyFile = join(userDataDir, 'ask', 'conversations.json');
    this.verifiedFile = join(userDataDir, 'ask', 'verified.json');
  }

  conversations(): StoredConversation[] {
    return readJsonFile<StoredConversation[]>(this.historyFile, []);
  }

  conversation(id: string | undefined): StoredConversation | undefined {
    return id ? this.conversations().find((c) => c.id === id) : undefined;
  }

  /** Appends an answer to its conversation (created on first use), newest conversation first. */
  append(answer: StoredAnswer): void {
    const all = this.conversations();
    const stored: StoredAnswer = { ...answer, rows: answer.rows.slice(0, MAX_STORED_ROWS) };
    let conv = all.find((c) => c.id === answer.conversationId);
    if (!conv) {
      conv = { id: answer.conversationId, title: answer.question.slice(0, 80), updatedAt: answer.askedAt, answers: [] };
      all.unshift(conv);
    }
    conv.answers.push(stored);
    conv.updatedAt = answer.askedAt;
    all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    writeJsonFile(this.historyFile, all.slice(0, MAX_CONVERSATIONS));
  }

  findAnswer(id: string): StoredAnswer | undefined {
    for (const c of this.conversations()) {
      const found = c.answers.find((a) => a.id === id);
      if (found) return found;
    }
    return undefined;
  }

  rate(id: string, rating: 'up' | 'down' | null): StoredAnswer | undefined {
    const all = this.conversations();
    for (const c of all) {
      const found = c.answers.find((a) => a.id === id);
      if (found) {
        found.rating = rating;
        writeJsonFile(this.historyFile, all);
        return found;
      }
    }
    return undefined;
  }

  clear(): number {
    const n = this.conversations().length;
    writeJsonFile(this.historyFile, []);
    return n;
  }

  verified(): VerifiedQuestion[] {
    return readJsonFile<VerifiedQuestion[]>(this.verifiedFile, []);
  }

  /** Saves (or replaces) a verified pair for the question's normalised wording. */
  saveVerified(question: string, sql: string): void {
    const key = normalise(question);
    const list = this.verified().filter((v) => normalise(v.question) !== key);
    list.unshift({ question, sql, savedAt: new Date().toISOString(), uses: 0 });
    writeJsonFile(this.verifiedFile, list);
  }

  removeVerified(question: string, sql: string): void {
    const key = normalise(question);
    writeJsonFile(
      this.verifiedFile,
      this.verified().filter((v) => !(normalise(v.question) === key && v.sql === sql)),
    );
  }

  /** The verified pair for this wording, counting the reuse. */
  useVerified(question: string): VerifiedQuestion | undefined {
    const key = normalise(question);
    const list = this.verified();
    const hit = list.find((v) => normalise(v.question) === key);
    if (hit) {
      hit.uses += 1;
      writeJsonFile(this.verifiedFile, list);
    }
    return hit;
  }
}
