import type { ComponentType } from 'react';
import { AgentsPage } from './agents/AgentsPage';
import { PipelinePage } from './pipeline/PipelinePage';
import { AskPage } from './ask/AskPage';
import { PlaceholderPage } from './placeholder/PlaceholderPage';
import { SqlPage } from './sql/SqlPage';

/** One entry per page of the app; a feature registers its page here and nowhere else. */
export interface FeatureEntry {
  id: string;
  label: string;
  icon: string;
  Page: ComponentType<{ rest: string[] }>;
}

const placeholder = (what: string): ComponentType<{ rest: string[] }> =>
  function Coming() {
    return <PlaceholderPage what={what} />;
  };

export const features: FeatureEntry[] = [
  { id: 'dashboards', label: 'Dashboards', icon: '▦', Page: placeholder('The ten KPI dashboards over the gold views, live while a stream runs, with filters, drill-down and exports.') },
  { id: 'sql', label: 'SQL', icon: '⌘', Page: SqlPage },
  { id: 'ask', label: 'Ask', icon: '?', Page: AskPage },
  { id: 'models', label: 'Models', icon: '◈', Page: placeholder('Train and test the four decisioning models: what-if, batch scoring, comparisons.') },
  { id: 'agents', label: 'Agents', icon: '✦', Page: AgentsPage },
  { id: 'pipeline', label: 'Pipeline', icon: '⇶', Page: PipelinePage },
  { id: 'connections', label: 'Connections', icon: '⇄', Page: placeholder('Databricks SQL warehouse profiles: test, browse, query and pull tables to local.') },
  { id: 'settings', label: 'Settings', icon: '⚙', Page: placeholder('Language-model endpoint, appearance and storage settings.') },
];
