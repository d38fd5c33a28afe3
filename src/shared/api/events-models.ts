import { z } from 'zod';
import { event } from './define';
import { TrainJob } from './domains/models';

/** Events of the model sandbox: training progress and job state changes. */
export const modelsEvents = {
  'models.trainProgress': event(
    z.object({ jobId: z.string(), model: z.string(), stage: z.string(), fraction: z.number(), message: z.string() }),
    'A training job moved on (loading data, boosting round N, evaluating, saving).',
  ),
  'models.jobChanged': event(TrainJob, 'A training job started, finished, failed or was cancelled.'),
} as const;
