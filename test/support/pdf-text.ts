import { inflateSync } from 'node:zlib';

/**
 * Reads the text of each page of a PDF as a viewer's "select all, copy" would, for the
 * PDFs Chromium writes (print to PDF): uncompressed object table, FlateDecode content
 * streams, Type0 fonts with a ToUnicode CMap. Enough to check that an export's text is text.
 */
export interface PdfSummary {
  pages: string[];
  /** Image XObjects in the file (a picture-of-a-page PDF has one per page). */
  images: number;
}

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf('stream');
    if (streamAt < 0) {
      out.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, streamAt);
    let dataStart = start + streamAt + 'stream'.length;
    if (text[dataStart] === '\r') dataStart++;
    if (text[dataStart] === '\n') dataStart++;
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
    let data = pdf.subarray(dataStart, dataStart + length);
    if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
    out.set(Number(m[1]), { dict, stream: data });
    re.lastIndex = end;
  }
  return out;
}

function ref(dict: string, key: string): number | undefined {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : undefined;
}

function hexToCodes(hex: string, width: number): number[] {
  const codes: number[] = [];
  for (let i = 0; i + width <= hex.length; i += width) codes.push(parseInt(hex.slice(i, i + width), 16));
  return codes;
}

function unicode(hex: string): string {
  return String.fromCharCode(...hexToCodes(hex, 4));
}

/** glyph code -> text, from a ToUnicode CMap (bfchar and bfrange, both forms). */
function cmap(source: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1]!, 16), unicode(m[2]!));
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      if (m[3]!.startsWith('[')) {
        const items = [...m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => unicode(x[1]!));
        items.forEach((t, i) => map.set(lo + i, t));
      } else {
        const first = parseInt(m[3]!.slice(1, -1), 16);
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(first + (c - lo)));
      }
    }
  }
  return map;
}

export function pdfText(pdf: Buffer): PdfSummary {
  const objs = objects(pdf);
  const images = [...objs.values()].filter((o) => /\/Subtype\s*\/Image/.test(o.dict)).length;
  const fontMaps = new Map<number, Map<number, string>>();
  const fontMap = (id: number) => {
    if (!fontMaps.has(id)) {
      const toUnicode = ref(objs.get(id)?.dict ?? '', 'ToUnicode');
      fontMaps.set(id, toUnicode !== undefined ? cmap(objs.get(toUnicode)?.stream?.toString('latin1') ?? '') : new Map());
    }
    return fontMaps.get(id)!;
  };
  const pages: string[] = [];
  for (const o of objs.values()) {
    if (!/\/Type\s*\/Page\b(?!s)/.test(o.dict)) continue;
    let resources = o.dict;
    const resRef = ref(o.dict, 'Resources');
    if (resRef !== undefined) resources = objs.get(resRef)?.dict ?? '';
    const fontDictRef = ref(resources, 'Font');
    const fontDict = fontDictRef !== undefined ? (objs.get(fontDictRef)?.dict ?? '') : (/\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? '');
    const fonts = new Map<string, number>();
    for (const m of fontDict.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) fonts.set(m[1]!, Number(m[2]));
    const contentRefs = [...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(o.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
    let text = '';
    for (const id of contentRefs) {
      const content = objs.get(id)?.stream?.toString('latin1') ?? '';
      let current = new Map<number, string>();
      for (const m of content.matchAll(
        /\/([\w.+-]+)\s+[\d.]+\s+Tf|(\[(?:[^\]]*)\])\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bT\*|\bTd\b|\bTD\b|\bTm\b|\bET\b/g,
      )) {
        if (m[1]) current = fonts.has(m[1]) ? fontMap(fonts.get(m[1])!) : new Map();
        else if (m[2] || m[3] !== undefined) {
          const hexes = m[2] ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]!) : [m[3]!];
          for (const hex of hexes) for (const code of hexToCodes(hex, 4)) text += current.get(code) ?? '';
        } else text += ' ';
      }
    }
    pages.push(text.replace(/\s+/g, ' ').trim());
  }
  return { pages, images };
}
