// Words to a plugin (the Forge's first step): the description goes to the offline generator on
// the server (POST /api/v1/forge/plans), which answers with a plan (its parameters, its chain of
// blocks, and notes on what it did not understand or assumed: nothing is dropped silently) and the
// C++ it writes from it. The plan is shown and can be edited (PlanEditor); "Use this code" puts
// the source in the editor, where it can be read, changed and built.
import { useState } from 'react';

import { type ForgePlan, planFromWords } from '../server/api';
import { PlanEditor } from './PlanEditor';

export function DescribePanel({ signedIn, onSignIn, onUse }: { signedIn: boolean; onSignIn: () => void; onUse: (source: string, plan: ForgePlan) => void }) {
  const [prompt, setPrompt] = useState('');
  const [planning, setPlanning] = useState(false);
  const [answer, setAnswer] = useState<{ plan: ForgePlan; source: string } | null>(null);
  const [error, setError] = useState('');

  const plan = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!signedIn) {
      setError('Planning runs on the server for your account: sign in (or create an account) first.');
      onSignIn();
      return;
    }
    if (prompt.trim() === '') {
      setError('Describe the plugin first, for example "a warm tape saturator with a Heat knob and a 500 Hz high-pass".');
      return;
    }
    setPlanning(true);
    setError('');
    try {
      setAnswer(await planFromWords(prompt.trim()));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setPlanning(false);
    }
  };

  return (
    <section className="describe" aria-label="Describe">
      <form onSubmit={(event) => void plan(event)}>
        <label htmlFor="forge-prompt">Describe your plugin</label>
        <div className="describe-row">
          <textarea id="forge-prompt" rows={2} value={prompt} onChange={(e) => setPrompt(e.target.value)} maxLength={2000}
            placeholder="a warm tape saturator with a Heat knob and a 500 Hz high-pass" />
          <button type="submit" disabled={planning}>{planning ? 'Planning…' : 'Plan it'}</button>
        </div>
      </form>
      {error !== '' ? <p role="alert" className="error">{error}</p> : null}
      {answer !== null ? (
        <div className="plan" role="group" aria-label={`Plan: ${answer.plan.name}`}>
          <div className="plan-head">
            <h2>{answer.plan.name}</h2>
            <button type="button" className="primary" onClick={() => onUse(answer.source, answer.plan)}>Use this code</button>
          </div>
          {answer.plan.notes.length > 0 ? (
            <ul aria-label="Notes from the planner" className="plan-notes">
              {answer.plan.notes.map((note, i) => <li key={i}>{note}</li>)}
            </ul>
          ) : null}
          <PlanEditor plan={answer.plan} onEdited={(plan, source) => setAnswer({ plan, source })} />
        </div>
      ) : null}
    </section>
  );
}
