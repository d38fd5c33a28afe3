import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { TargetSwitch } from '../../components/TargetSwitch';
import { AnswerCard } from './AnswerCard';
import { AskSettingsPanel } from './AskSettingsPanel';
import { useAskStore } from './ask-store';
import './ask.css';

/** Genie-style Ask: a question in; SQL, a table, a chart and one sentence out; follow-ups keep context. */
export function AskPage() {
  const {
    turns,
    asking,
    streamed,
    error,
    samples,
    verified,
    history,
    conversationId,
    load,
    ask,
    cancel,
    newConversation,
    openConversation,
    clearHistory,
    profiles,
    target,
    setTarget,
  } = useAskStore(
    useShallow((s) => ({
      turns: s.turns,
      asking: s.asking,
      streamed: s.streamed,
      error: s.error,
      samples: s.samples,
      verified: s.verified,
      history: s.history,
      conversationId: s.conversationId,
      load: s.load,
      ask: s.ask,
      cancel: s.cancel,
      newConversation: s.newConversation,
      openConversation: s.openConversation,
      clearHistory: s.clearHistory,
      profiles: s.profiles,
      target: s.target,
      setTarget: s.setTarget,
    })),
  );
  const [question, setQuestion] = useState('');
  const [showSettings, setShowSettings] = useState(false);
  const endRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: 'end' });
  }, [turns.length]);
  const submit = (q: string) => {
    const text = q.trim();
    if (!text || asking) return;
    setQuestion('');
    void ask(text);
  };
  return (
    <div className="page ask-page">
      <aside className="ask-side">
        <button onClick={newConversation} data-testid="ask-new">
          New conversation
        </button>
        <h3>History</h3>
        <ul className="ask-history" data-testid="ask-history">
          {history.map((c) => (
            <li key={c.id}>
              <button className={c.id === conversationId ? 'link-button active' : 'link-button'} onClick={() => openConversation(c.id)}>
                {c.title}
              </button>
            </li>
          ))}
        </ul>
        {history.length > 0 && (
          <button className="link-button muted" onClick={() => void clearHistory()}>
            Clear history
          </button>
        )}
        {verified.length > 0 && (
          <>
            <h3>Verified questions</h3>
            <ul className="ask-history" data-testid="ask-verified-list">
              {verified.map((v) => (
                <li key={v.question}>
                  <button className="link-button" onClick={() => submit(v.question)}>
                    ✓ {v.question}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        <button className="link-button" onClick={() => setShowSettings((s) => !s)} data-testid="ask-settings-toggle">
          {showSettings ? 'Hide model settings' : 'Model settings'}
        </button>
      </aside>
      <section className="ask-main">
        {showSettings && <AskSettingsPanel />}
        {turns.length === 0 && (
          <div className="ask-samples" data-testid="ask-samples">
            <p className="muted">Ask about approvals, declines, fraud, value, latency or retries. For example:</p>
            {samples.map((s) => (
              <button key={s} className="ask-chip" onClick={() => submit(s)} data-testid="ask-sample">
                {s}
              </button>
            ))}
          </div>
        )}
        <div className="ask-turns">
          {turns.map((t) => (
            <AnswerCard key={t.id} answer={t} onAsk={submit} />
          ))}
          {asking && (
            <div className="ask-thinking muted" data-testid="ask-thinking">
              Answering…
              {streamed && <pre className="ask-streamed">{streamed}</pre>}
              <button onClick={cancel}>Cancel</button>
            </div>
          )}
          {error && (
            <div className="error-box" role="alert" data-testid="ask-error">
              {error.message}
            </div>
          )}
          <div ref={endRef} className="ask-end" />
        </div>
        <form
          className="ask-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit(question);
          }}
        >
          <input
            className="ask-input"
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            placeholder={
              turns.length
                ? 'Ask a follow-up: "and for Mastercard?", "only last week", "break it down by processor"'
                : 'Ask a question about your payments…'
            }
            aria-label="Question"
            data-testid="ask-input"
          />
          <TargetSwitch
            profiles={profiles}
            target={target}
            onChange={setTarget}
            testId="ask-target"
            title="Where new questions run: local DuckDB or a Databricks SQL warehouse"
          />
          <button className="primary" type="submit" disabled={asking || !question.trim()} data-testid="ask-submit">
            Ask
          </button>
        </form>
      </section>
    </div>
  );
}
