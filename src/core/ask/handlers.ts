import type { HandlerGroup } from '../api/handlers';
import type { AskService } from './ask-service';
import { semanticLayer } from './semantic-layer';

/** ask.* methods: the Ask pane, its history, feedback and language-model settings. */
export function askHandlers(
  service: AskService,
): HandlerGroup<
  | 'ask.question'
  | 'ask.run'
  | 'ask.feedback'
  | 'ask.history'
  | 'ask.clearHistory'
  | 'ask.samples'
  | 'ask.settings'
  | 'ask.saveSettings'
  | 'ask.promptPreview'
> {
  return {
    'ask.question': (input, ctx) => service.ask(input, ctx.signal),
    'ask.run': (input, ctx) => service.run(input, ctx.signal),
    'ask.feedback': (input) => service.feedback(input.answerId, input.rating),
    'ask.history': () => ({
      conversations: service.store
        .conversations()
        .map((c) => ({ ...c, answers: c.answers.map(({ intent: _intent, portableSql: _portable, ...a }) => a) })),
    }),
    'ask.clearHistory': () => ({ cleared: service.store.clear() }),
    'ask.samples': () => ({ samples: semanticLayer.samples, verified: service.store.verified() }),
    'ask.settings': () => service.settings.get(),
    'ask.saveSettings': (input) => service.settings.save(input),
    'ask.promptPreview': (input) => service.promptPreview(input.question ?? 'What is our approval rate today?'),
  };
}
