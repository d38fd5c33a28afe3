import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readPngText, withPngText } from '../../../../src/shared/dashboards/png-text';

// A 1×1 RGBA PNG (IHDR, IDAT, IEND), built here chunk by chunk with zlib's deflate and CRC-32.
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}
const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const ONE_PIXEL = Buffer.concat([
  Buffer.from('89504e470d0a1a0a', 'hex'),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(Buffer.from([0, 200, 100, 50, 255]))),
  chunk('IEND', Buffer.alloc(0)),
]);

describe('PNG tEXt metadata of an export', () => {
  it('reads back what was written, and keeps the image intact', () => {
    const out = withPngText(ONE_PIXEL, { Title: 'Executive Overview', Description: 'Filters: card network: Visa · segment: all' });
    expect(readPngText(out)).toEqual({ Title: 'Executive Overview', Description: 'Filters: card network: Visa · segment: all' });
    const buf = Buffer.from(out);
    const idat = buf.indexOf('IDAT');
    expect(inflateSync(buf.subarray(idat + 4, idat + 4 + buf.readUInt32BE(idat - 4)))).toHaveLength(5);
    expect(buf.subarray(buf.length - 8, buf.length - 4).toString()).toBe('IEND');
  });

  it('writes a correct CRC for each chunk (a reader would drop a chunk whose CRC is wrong)', () => {
    const out = Buffer.from(withPngText(ONE_PIXEL, { Title: 'abc' }));
    const at = out.indexOf('tEXt') - 4;
    const length = out.readUInt32BE(at);
    expect(out.readUInt32BE(at + 8 + length)).toBe(crc32(out.subarray(at + 4, at + 8 + length)));
  });

  it('puts characters outside Latin-1 as ?', () => {
    expect(readPngText(withPngText(ONE_PIXEL, { Title: 'Fraud → Risk' })).Title).toBe('Fraud ? Risk');
  });
});
