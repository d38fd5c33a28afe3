import type { ComponentType } from 'react';
import { ConnectionsPage } from './connections/ConnectionsPage';
import { AgentsPage } from './agents/AgentsPage';
import { DashboardsPage } from './dashboards/DashboardsPage';
import { PipelinePage } from './pipeline/PipelinePage';
import { AskPage } from './ask/AskPage';
import { ModelsPage } from './models/ModelsPage';
import { SettingsPage } from './settings/SettingsPage';
import { SqlPage } from './sql/SqlPage';

/** One entry per page of the app; a feature registers its page here and nowhere else. */
export interface FeatureEntry {
  id: string;
  label: string;
  icon: string;
  Page: ComponentType<{ rest: string[] }>;
}

export const features: FeatureEntry[] = [
  { id: 'dashboards', label: 'Dashboards', icon: '▦', Page: DashboardsPage },
  { id: 'sql', label: 'SQL', icon: '⌘', Page: SqlPage },
  { id: 'ask', label: 'Ask', icon: '?', Page: AskPage },
  { id: 'models', label: 'Models', icon: '◈', Page: ModelsPage },
  { id: 'agents', label: 'Agents', icon: '✦', Page: AgentsPage },
  { id: 'pipeline', label: 'Pipeline', icon: '⇶', Page: PipelinePage },
  { id: 'connections', label: 'Connections', icon: '⇄', Page: ConnectionsPage },
  { id: 'settings', label: 'Settings', icon: '⚙', Page: SettingsPage },
];
