import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWindowState, restorableRoute, saveWindowState } from '../../../src/main/window-state';

const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'window-state-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the desktop window state', () => {
  it('reopens at the dashboard view it closed on: filters and cross-filters in the route survive a restart', () => {
    const dir = folder();
    const route = '#/dashboards/executive-overview?range=last_7_days&network=Visa&segment=Travel';
    saveWindowState(dir, { x: 10, y: 20, width: 1200, height: 800, maximized: false, route });
    expect(loadWindowState(dir)).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: false, route });
  });

  it('keeps an imported dashboard with a custom date range', () => {
    expect(restorableRoute('#/dashboards/imported%3Amixed?range=custom&from=2026-03-01&to=2026-03-31')).toBeDefined();
    expect(restorableRoute('#/sql')).toBe('#/sql');
  });

  it.each([
    ['a bundle, whose session ends with the app', '#/dashboards/bundle%3Aab12cd34/present'],
    ['a bundle, unencoded', '#/dashboards/bundle:ab12cd34'],
    ['another origin', 'https://example.com/#/dashboards'],
    ['a script URL', 'javascript:alert(1)'],
    ['markup in the query', '#/dashboards/x?network=<script>'],
    ['a path that climbs', '#/../../etc/passwd'],
    ['an overlong query', `#/dashboards/x?network=${'a'.repeat(3000)}`],
  ])('does not reopen at %s', (_name, route) => {
    const dir = folder();
    saveWindowState(dir, { width: 1200, height: 800, maximized: false, route });
    expect(loadWindowState(dir).route).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8'))).not.toHaveProperty('route');
  });

  it('ignores a route written into the file by something else', () => {
    const dir = folder();
    writeFileSync(
      join(dir, 'window-state.json'),
      JSON.stringify({ width: 900, height: 700, maximized: true, route: 'file:///etc/passwd' }),
    );
    expect(loadWindowState(dir)).toEqual({ width: 900, height: 700, maximized: true });
  });

  it('falls back to the defaults on a damaged file', () => {
    const dir = folder();
    writeFileSync(join(dir, 'window-state.json'), '{ not json');
    expect(loadWindowState(dir)).toEqual({ width: 1440, height: 900, maximized: false });
  });

  it('saves into a user-data folder that does not exist yet, whole and with no temp file left behind', () => {
    const dir = join(folder(), 'first-run');
    saveWindowState(dir, { width: 1300, height: 850, maximized: true, route: '#/sql' });
    saveWindowState(dir, { width: 1280, height: 820, maximized: false, route: '#/pipeline' });
    expect(readdirSync(dir)).toEqual(['window-state.json']);
    expect(loadWindowState(dir)).toEqual({ width: 1280, height: 820, maximized: false, route: '#/pipeline' });
  });

  it.each([
    ['a negative size', { width: -5, height: 800, maximized: false }],
    ['a size no screen has', { width: 1e9, height: 800, maximized: false }],
    ['a fractional size', { width: 1200.5, height: 800, maximized: false }],
    ['a position far off every screen', { x: 1e12, y: 0, width: 1200, height: 800, maximized: false }],
    ['a maximized flag that is not a boolean', { width: 1200, height: 800, maximized: 'yes' }],
  ])('reopens at the default size when the file holds %s', (_name, stored) => {
    const dir = folder();
    writeFileSync(join(dir, 'window-state.json'), JSON.stringify(stored));
    expect(loadWindowState(dir)).toEqual({ width: 1440, height: 900, maximized: false });
  });
});
