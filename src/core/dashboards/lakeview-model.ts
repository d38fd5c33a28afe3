import { z } from 'zod';
import { DateRangePreset } from '../../shared/dashboards/definition';

/*
 * What we read of a Databricks AI/BI (Lakeview) `.lvdash.json`, after the dashboard model
 * Databricks publishes in databrickslabs/lsql (`lakeview/model.py`): `datasets` (SQL as `query` or
 * `queryLines`, `parameters`, `catalog`/`schema`) and `pages` (`pageType`, `layout` of
 * `{widget, position}`). Every level passes unknown members through, and widgets are only checked
 * one by one (LvWidget), so one odd widget never refuses the file.
 */

export const LvField = z.object({ name: z.string(), expression: z.string().optional() }).passthrough();
export const LvEncoding = z.object({ fieldName: z.string().optional(), displayName: z.string().optional() }).passthrough();

export const LvQuery = z
  .object({
    datasetName: z.string(),
    fields: z.array(LvField).default([]),
    disaggregated: z.boolean().optional(),
    orders: z.array(z.object({ direction: z.string().optional(), expression: z.string().optional() }).passthrough()).optional(),
    parameters: z.array(z.object({ name: z.string().optional(), keyword: z.string() }).passthrough()).optional(),
  })
  .passthrough();

export const LvWidget = z
  .object({
    name: z.string(),
    queries: z.array(z.object({ name: z.string().optional(), query: LvQuery }).passthrough()).optional(),
    spec: z
      .object({
        widgetType: z.string().optional(),
        version: z.number().optional(),
        encodings: z.record(z.string(), z.unknown()).default({}),
        frame: z.object({ title: z.string().optional(), description: z.string().optional() }).passthrough().optional(),
        viz_spec: z.object({ viz_type: z.string().optional(), display_name: z.string().optional() }).passthrough().optional(),
      })
      .passthrough()
      .optional(),
    textbox_spec: z.string().optional(),
    multilineTextboxSpec: z
      .object({ lines: z.array(z.string()) })
      .passthrough()
      .optional(),
    medallion: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();
export type LvWidget = z.infer<typeof LvWidget>;

export const LvPosition = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }).passthrough();

const LvValue = z.object({ value: z.union([z.string(), z.number(), z.boolean()]) }).passthrough();
export const LvParameter = z
  .object({
    keyword: z.string(),
    displayName: z.string().optional(),
    dataType: z.string().optional(),
    complexType: z.string().optional(),
    defaultSelection: z
      .object({
        values: z
          .object({ values: z.array(LvValue).default([]) })
          .passthrough()
          .optional(),
        range: z.object({ min: LvValue.optional(), max: LvValue.optional() }).passthrough().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();
export type LvParameter = z.infer<typeof LvParameter>;

export const LvDataset = z
  .object({
    name: z.string(),
    displayName: z.string().optional(),
    queryLines: z.array(z.string()).optional(),
    query: z.string().optional(),
    parameters: z.array(z.unknown()).optional(),
    catalog: z.string().optional(),
    schema: z.string().optional(),
  })
  .passthrough();
export type LvDataset = z.infer<typeof LvDataset>;

export const LvPage = z
  .object({
    name: z.string(),
    displayName: z.string().optional(),
    pageType: z.string().optional(),
    layout: z.array(z.unknown()).default([]),
  })
  .passthrough();
export type LvPage = z.infer<typeof LvPage>;

export const LvDoc = z
  .object({
    datasets: z.array(z.unknown()).default([]),
    pages: z.array(LvPage).min(1),
    medallion: z
      .object({ id: z.string().optional(), description: z.string().optional(), defaultDateRange: DateRangePreset.optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

export const GLOBAL_FILTERS_PAGE = 'PAGE_TYPE_GLOBAL_FILTERS';
