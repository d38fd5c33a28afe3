import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import './pipeline.css';
import { DeployDatabricks } from './DeployDatabricks';
import { LayerCards } from './LayerCards';
import { QualityReport } from './QualityReport';
import { ReplayFile } from './ReplayFile';
import { BackfillPanel, KpiPanel, LivePanel } from './RunPanels';
import { usePipelineStore } from './pipeline-store';

/**
 * Replay and stream simulated payments through bronze → silver → gold, with the data-quality report.
 * Each panel subscribes to what it shows (pipeline-view.ts): progress events arrive every ~200 ms during a run.
 */
export function PipelinePage() {
  const { error, layers, gold, goldLoading, expectations, loadGold } = usePipelineStore(
    useShallow((s) => ({
      error: s.error,
      layers: s.status?.layers,
      gold: s.gold,
      goldLoading: s.goldLoading,
      expectations: s.expectations,
      loadGold: s.loadGold,
    })),
  );
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
      <LayerCards layers={layers} gold={gold} goldLoading={goldLoading} onRefreshGold={() => void loadGold()} />

      <div className="pipeline-panels">
        <LivePanel />
        <BackfillPanel />
        <KpiPanel />
        <ReplayFile />
        <DeployDatabricks />
      </div>

      <QualityReport rows={expectations} />
    </div>
  );
}
