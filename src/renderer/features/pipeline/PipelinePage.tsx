import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import './pipeline.css';
import { DeployDatabricks } from './DeployDatabricks';
import { ReplayFile } from './ReplayFile';
import { BackfillPanel, KpiPanel, LayersPanel, LivePanel, QualityPanel } from './RunPanels';
import { usePipelineStore } from './pipeline-store';
import { pipelinePageView } from './pipeline-view';

/**
 * Replay and stream simulated payments through bronze → silver → gold, with the data-quality report.
 * Each panel subscribes to what it shows (pipeline-view.ts): progress events arrive every ~200 ms during a run.
 */
export function PipelinePage() {
  // The page itself shows only the error: each panel below subscribes to what it shows, so the page (and with it
  // every panel) is not drawn again on each progress event.
  const { error } = usePipelineStore(useShallow(pipelinePageView));
  useEffect(() => {
    const off = usePipelineStore.getState().subscribe();
    void usePipelineStore.getState().load();
    void usePipelineStore.getState().loadGold();
    return off;
  }, []);

  return (
    <div className="page pipeline-page">
      {error && (
        <div className="error-box" role="alert" data-testid="pipeline-error">
          {error}
        </div>
      )}
      <LayersPanel />

      <div className="pipeline-panels">
        <LivePanel />
        <BackfillPanel />
        <KpiPanel />
        <ReplayFile />
        <DeployDatabricks />
      </div>

      <QualityPanel />
    </div>
  );
}
