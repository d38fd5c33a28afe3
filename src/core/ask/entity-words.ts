import type { SemanticLayer } from './semantic-layer';
import { normalise } from './semantic-layer';

/**
 * The role a place plays, said after it: "Brazilian issuers", "Mexican cards", "Chile (issuer)" are where the card
 * was issued; "issuer: Peru" too. Rewritten to the issuer marker ("issued in brazilian") before the pieces are matched,
 * so the place is the issuer's country and never the merchant's (the layer's country values read as merchant country).
 */
const cache = new WeakMap<SemanticLayer, RegExp[]>();

function patterns(layer: SemanticLayer): RegExp[] {
  const cached = cache.get(layer);
  if (cached) return cached;
  const places = layer.values
    .filter((v) => v.country)
    .flatMap((v) => v.phrases.map((p) => normalise(p)))
    // Two-letter codes are words too ("co", "es", "de"): only names and adjectives take a role after them.
    .filter((p) => p.length > 2)
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.]/g, '\\.'));
  const place = `(${places.join('|')})`;
  const built = [
    new RegExp(
      `\\b${place} (issuers?|issuing banks?|issuer banks?|banks?|cardholders?|card holders?|issuer|issuing)\\b(?! (?:country|countries))`,
      'g',
    ),
    new RegExp(`\\b${place} (cards?|issued cards?)\\b`, 'g'),
    new RegExp(`\\b(?:issuers?|issuing banks?|cardholders?) (?:country )?(?:is |are |of |in |from )?${place}\\b`, 'g'),
  ];
  cache.set(layer, built);
  return built;
}

/** Rewrites a place followed (or preceded) by an issuer role to "issued in <place>", on normalised text. */
export function placeRoles(text: string, layer: SemanticLayer): string {
  const [after, cards, before] = patterns(layer);
  return text
    .replace(after as RegExp, (_, p: string) => `issued in ${p}`)
    .replace(cards as RegExp, (_, p: string, c: string) => `${c.replace(/^issued /, '')} issued in ${p}`)
    .replace(before as RegExp, (_, p: string) => `issued in ${p}`);
}
