import { create } from 'zustand';
import type { Job } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { api } from '../../api/client';
import { followJob, isEnded } from '../../api/job-follow';
import { applyJob, initialFileReplay, type FileReplayView } from './file-replay-model';

interface FileReplayState extends FileReplayView {
  setPath(path: string): void;
  start(): Promise<void>;
  cancel(): Promise<void>;
  /** Follows job.progressed; `onEnd` runs once when the replay ends (the page reloads its counts). */
  subscribe(onEnd: () => void): () => void;
}

const message = (error: unknown) => (error instanceof AppError ? error.message : String(error));

/** "Replay a file" on the Pipeline page: pipeline.replayFile starts a job, job.progressed moves the bar. */
export const useFileReplayStore = create<FileReplayState>((set, get) => {
  let ended: (() => void) | undefined;
  const apply = async (job: Job) => {
    const before = get();
    const next = applyJob(before, job);
    if (next === before) return;
    set(next);
    if (!isEnded(next.job) || isEnded(before.job)) return;
    if (next.job?.state === 'succeeded') {
      try {
        const result = await api.call('pipeline.fileReplayResult', { jobId: job.id });
        set({ result: result ?? undefined });
      } catch (error) {
        set({ error: message(error) });
      }
    }
    ended?.();
  };
  return {
    ...initialFileReplay,
    setPath: (path) => set({ path }),
    async start() {
      if (get().pending || (get().job && !isEnded(get().job))) return;
      set({ pending: true, error: undefined, result: undefined, job: undefined });
      try {
        const { job } = await api.call('pipeline.replayFile', { path: get().path });
        set({ job });
        // It may have ended before its events reached us: read its state once.
        const now = (await api.call('jobs.list', { kind: 'pipeline.file' })).jobs.find((j) => j.id === job.id);
        if (now) await apply(now);
      } catch (error) {
        set({ error: message(error) });
      } finally {
        set({ pending: false });
      }
    },
    async cancel() {
      const job = get().job;
      if (job && !isEnded(job)) await api.call('jobs.cancel', { id: job.id }).catch((error: unknown) => set({ error: message(error) }));
    },
    subscribe(onEnd) {
      ended = onEnd;
      const off = followJob(
        api,
        {},
        () => get().job,
        (job) => void apply(job),
      );
      return () => {
        off();
        ended = undefined;
      };
    },
  };
});
