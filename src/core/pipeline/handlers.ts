import type { HandlerGroup } from '../api/handlers';
import type { PipelineService } from './service';

type PipelineMethod =
  | 'pipeline.status'
  | 'pipeline.kpis'
  | 'pipeline.goldCounts'
  | 'pipeline.expectations'
  | 'pipeline.startBackfill'
  | 'pipeline.replayFile'
  | 'pipeline.backfillResult'
  | 'pipeline.fileReplayResult'
  | 'pipeline.liveResult'
  | 'pipeline.startLive'
  | 'pipeline.pauseLive'
  | 'pipeline.resumeLive'
  | 'pipeline.setLiveRate'
  | 'pipeline.stopLive';

/** pipeline.* methods: the Pipeline page's backfill, live stream, layer counts and data-quality report. */
export function pipelineHandlers(pipeline: PipelineService): HandlerGroup<PipelineMethod> {
  return {
    'pipeline.status': () => pipeline.status(),
    'pipeline.kpis': () => pipeline.kpisNow(),
    'pipeline.goldCounts': async (_input, ctx) => ({ views: await pipeline.goldCounts(ctx.signal) }),
    'pipeline.expectations': async (input) => ({ rows: await pipeline.expectations(input.limit) }),
    'pipeline.startBackfill': (input) => pipeline.startBackfill(input),
    'pipeline.replayFile': (input) => ({ job: pipeline.replayFile(input) }),
    'pipeline.backfillResult': (input) => pipeline.backfillResult(input.jobId),
    'pipeline.fileReplayResult': (input) => pipeline.fileReplayResult(input.jobId),
    'pipeline.startLive': (input) => pipeline.startLive(input),
    'pipeline.liveResult': (input) => pipeline.liveResult(input.jobId),
    'pipeline.pauseLive': () => pipeline.pauseLive(),
    'pipeline.resumeLive': () => pipeline.resumeLive(),
    'pipeline.setLiveRate': (input) => pipeline.setLiveRate(input.rate),
    'pipeline.stopLive': () => pipeline.stopLive(),
  };
}
