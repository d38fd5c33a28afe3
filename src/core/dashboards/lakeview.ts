/*
 * Databricks AI/BI (Lakeview) `.lvdash.json` interchange: import in lakeview-import.ts (model in
 * lakeview-model.ts, widgets in lakeview-widgets.ts, SQL dialect in lakeview-sql.ts), export in
 * lakeview-export.ts.
 */
export { fromLakeview, type LakeviewImport, type LakeviewImportReport } from './lakeview-import';
export { toLakeview, type LakeviewExportOptions } from './lakeview-export';
