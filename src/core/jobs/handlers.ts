import type { HandlerGroup } from '../api/handlers';
import type { JobRegistry } from './job-registry';

/** jobs.* methods: every long task, listed and cancelled the same way. */
export function jobsHandlers(jobs: JobRegistry): HandlerGroup<'jobs.list' | 'jobs.cancel'> {
  return {
    'jobs.list': (input) => ({ jobs: jobs.list(input.kind) }),
    'jobs.cancel': (input) => ({ cancelled: jobs.cancel(input.id) }),
  };
}
