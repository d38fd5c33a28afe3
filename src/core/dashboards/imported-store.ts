import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dashboard } from '../../shared/dashboards/definition';
import { parseDashboard } from '../../shared/dashboards/parse';
import { writeJsonAtomic } from '../store/json-store';

/** Dashboards imported from Lakeview files, kept as our own format in the user-data folder. */
export class ImportedDashboards {
  constructor(private readonly dir: string) {}

  list(): Dashboard[] {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.endsWith('.json'));
    } catch {
      return [];
    }
    const out: Dashboard[] = [];
    for (const name of names.sort()) {
      try {
        out.push(parseDashboard(JSON.parse(readFileSync(join(this.dir, name), 'utf8'))));
      } catch {
        // A damaged file is skipped here; importing again replaces it.
      }
    }
    return out;
  }

  get(id: string): Dashboard | undefined {
    return this.list().find((d) => d.id === id);
  }

  /** Saves atomically through the JSON store, so a crash never leaves half a file. */
  save(dashboard: Dashboard): void {
    writeJsonAtomic(join(this.dir, `${dashboard.id}.json`), dashboard, { indent: 2 });
  }
}
