/**
 * A question that carries its own context, typed in one string: "earlier: approval rate by card network. now: same but
 * only for Chile merchants", "previous question was avg latency by processor for the last 7 days. and for the 7 days
 * before that?", "I asked for declines by reason; now just for Visa". The part that recalls the earlier question is the
 * context; the rest edits it, as a follow-up would.
 */

/** Words that recall an earlier question before saying it. */
const RECALL =
  /^(?:(?:earlier|previously|last time|context)\s*[:,]|(?:my |the )?(?:previous|last|earlier|prior) (?:question|query)(?: (?:was|is))?\s*[:,]?|i (?:first |just |previously )?asked(?: (?:for|about))?\s*[:,]?)\s*/i;
/** The end of the recalled question: a sentence stop, a semicolon, a dash, or a "now:"/"then:" label. */
const SPLIT = /\s*(?:[.;!?]|\s[-–—])\s+|\s*[,;]?\s+(?=(?:now|then|next|follow[- ]?up)\s*:)/i;
/** A label in front of the edit ("now:", "follow-up:") says nothing more. */
const EDIT_LABEL = /^(?:now|then|next|follow[- ]?up)\s*:\s*/i;
/** "as well", "too" at the end of an edit only repeat that it adds to the earlier question. */
const ALSO = /\s*\b(?:as well|too|also)\s*([?.!]*)\s*$/i;

/** The earlier question and the edit, when the question recalls one; undefined otherwise. */
export function splitToldContext(question: string): { context: string; edit: string } | undefined {
  const text = question.trim();
  const recall = RECALL.exec(text);
  if (!recall) return undefined;
  const body = text.slice(recall[0].length);
  const stop = SPLIT.exec(body);
  if (!stop || stop.index < 3) return undefined;
  const context = body.slice(0, stop.index).trim();
  const edit = cleanEdit(body.slice(stop.index + stop[0].length));
  return edit.length >= 2 ? { context, edit } : undefined;
}

/** An edit without its label and its trailing "as well": "now: same but only Chile" → "same but only Chile". */
export function cleanEdit(edit: string): string {
  return edit.trim().replace(EDIT_LABEL, '').replace(ALSO, '$1').trim();
}
