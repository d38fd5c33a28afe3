import type { Job } from '../../shared/api/domains/jobs';

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);

/** The child's unfinished jobs, as its `job.progressed` events told them, so a restart can end them for the UI. */
export class JobWatch {
  private readonly open = new Map<string, Job>();

  observe(event: string, payload: unknown): void {
    if (event !== 'job.progressed') return;
    const job = payload as Job;
    if (ENDED.has(job.state)) this.open.delete(job.id);
    else this.open.set(job.id, job);
  }

  running(id: string): Job | undefined {
    return this.open.get(id);
  }

  /** Every unfinished job, now failed because the process that ran it ended. */
  takeRunning(): Job[] {
    const ended = [...this.open.values()].map((job) => ({
      ...job,
      state: 'failed' as const,
      endedAt: new Date().toISOString(),
      error: 'The engine process was restarted while this job ran; start it again.',
    }));
    this.open.clear();
    return ended;
  }
}
