import type { HandlerGroup } from '../api/handlers';
import { goldViewsDdl } from './gold-ddl';
import type { WarehouseService } from './service';

type WarehouseMethod =
  | 'warehouse.listProfiles'
  | 'warehouse.saveProfile'
  | 'warehouse.deleteProfile'
  | 'warehouse.testConnection'
  | 'warehouse.browse'
  | 'warehouse.catalog'
  | 'warehouse.query'
  | 'warehouse.pull'
  | 'warehouse.pulls'
  | 'warehouse.goldDdl';

/** warehouse.* methods: Databricks SQL profiles, browse, query and pull-to-local. */
export function warehouseHandlers(service: WarehouseService): HandlerGroup<WarehouseMethod> {
  return {
    'warehouse.listProfiles': () => service.listProfiles(),
    'warehouse.saveProfile': async (input) => ({ profile: await service.saveProfile(input) }),
    'warehouse.deleteProfile': async (input) => ({ deleted: await service.deleteProfile(input.profileId) }),
    'warehouse.testConnection': (input) => service.testConnection(input.profileId),
    'warehouse.browse': async (input) => ({ items: await service.browse(input.profileId, input) }),
    'warehouse.catalog': (input) => service.catalog(input.profileId),
    'warehouse.query': (input, ctx) => service.query(input, ctx.signal),
    'warehouse.pull': (input, ctx) => service.pull(input, ctx.signal),
    'warehouse.pulls': () => service.pulls(),
    'warehouse.goldDdl': (input) => goldViewsDdl(input),
  };
}
