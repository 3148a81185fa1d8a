// The Forge's language model on the page (forge/README.md "The model"). When the server has a
// model (GET /api/v1/forge/model), the Describe step offers a choice: the built-in planner
// (DescribePanel, offline, instant) or the model, which plans, writes the C++ and has it built and
// validated on the server, repairing what does not compile. Every attempt is listed as it
// happens, with what went back to the model; a finished plugin's code goes to the editor like the
// planner's. Without a model (or signed out) only the built-in planner shows.
import { useEffect, useRef, useState } from 'react';

import {
  type ForgeGeneration, type ForgeGenerationAttempt, type ForgeModel, type ForgePlan, type ForgeUsage, forgeModel, getGeneration, startGeneration,
} from '../server/api';
import { DescribePanel } from './DescribePanel';
import './model-panel.css';

type DescribeProps = { signedIn: boolean; onSignIn: () => void; onUse: (source: string, plan: ForgePlan) => void };
// The month's build count as each answer about a generation gives it: the model's attempts are
// builds, counted as they start.
type UsageProps = { onUsage: (usage: ForgeUsage) => void };

const POLL_MS = 500;

export function DescribeChoice({ onUsage, ...props }: DescribeProps & UsageProps) {
  const [model, setModel] = useState<ForgeModel | null>(null);
  const [planner, setPlanner] = useState<'built-in' | 'model'>('built-in');
  useEffect(() => {
    if (props.signedIn) forgeModel().then(setModel, () => setModel(null));
    else setModel(null);
  }, [props.signedIn]);

  if (model === null || !model.configured) return <DescribePanel {...props} />;
  return (
    <>
      <fieldset className="planner-choice">
        <legend>Planner</legend>
        <label><input type="radio" name="forge-planner" checked={planner === 'built-in'} onChange={() => setPlanner('built-in')} /> Built-in planner</label>
        <label><input type="radio" name="forge-planner" checked={planner === 'model'} onChange={() => setPlanner('model')} /> Model ({model.model})</label>
      </fieldset>
      {planner === 'built-in' ? <DescribePanel {...props} /> : <ModelPanel {...props} onUsage={onUsage} maxAttempts={model.maxAttempts} />}
    </>
  );
}

const STAGE_NAMES = { plan: 'Plan', code: 'Code' } as const;
const STATUS_WORDS: Record<ForgeGenerationAttempt['status'], string> = {
  asking: 'waiting for the model',
  checking: 'checking the plan',
  building: 'compiling and validating',
  failed: 'failed',
  succeeded: 'succeeded',
};

function AttemptItem({ attempt, maxAttempts }: { attempt: ForgeGenerationAttempt; maxAttempts: number }) {
  return (
    <li className={`attempt attempt-${attempt.status}`}>
      <strong>{STAGE_NAMES[attempt.stage]}, attempt {attempt.number} of {maxAttempts}</strong>: {STATUS_WORDS[attempt.status]}
      {attempt.message !== '' && attempt.message !== STATUS_WORDS[attempt.status] ? ` (${attempt.message})` : ''}
      {attempt.problems.length > 0 ? (
        <ul aria-label="What went back to the model">
          {attempt.problems.map((problem, i) => <li key={i}><code>{problem}</code></li>)}
        </ul>
      ) : null}
    </li>
  );
}

function ModelPanel({ signedIn, onSignIn, onUse, onUsage, maxAttempts }: DescribeProps & UsageProps & { maxAttempts: number }) {
  const [prompt, setPrompt] = useState('');
  const [generation, setGeneration] = useState<ForgeGeneration | null>(null);
  const [error, setError] = useState('');
  const alive = useRef(true);
  useEffect(() => () => { alive.current = false; }, []);
  const running = generation?.status === 'running';

  const generate = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!signedIn) {
      onSignIn();
      return;
    }
    if (prompt.trim() === '') {
      setError('Describe the plugin first, for example "a ping-pong delay synced to tempo with ducking".');
      return;
    }
    setError('');
    try {
      let current = await startGeneration(prompt.trim());
      while (alive.current) {
        setGeneration(current);
        onUsage(current.usage);
        if (current.status !== 'running') break;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        current = await getGeneration(current.id);
      }
    } catch (failure) {
      if (alive.current) setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  const latest = generation?.attempts[generation.attempts.length - 1];
  return (
    <section className="describe model-panel" aria-label="Describe for the model">
      <form onSubmit={(event) => void generate(event)}>
        <label htmlFor="forge-model-prompt">Describe your plugin: the model plans it, writes its code and has it built</label>
        <div className="describe-row">
          <textarea id="forge-model-prompt" rows={2} value={prompt} onChange={(e) => setPrompt(e.target.value)} maxLength={2000}
            placeholder="a ping-pong delay synced to tempo with ducking" />
          <button type="submit" disabled={running}>{running ? 'Generating…' : 'Generate'}</button>
        </div>
      </form>
      {error !== '' ? <p role="alert" className="error">{error}</p> : null}
      {generation !== null ? (
        <div className="generation">
          <p role="status">
            {generation.status === 'running' && latest !== undefined
              ? `${STAGE_NAMES[latest.stage]}, attempt ${latest.number} of ${maxAttempts}: ${STATUS_WORDS[latest.status]}…`
              : generation.status === 'succeeded' ? `Done: ${generation.message}.` : `Stopped: ${generation.message}.`}
          </p>
          <ol aria-label="Attempts">
            {generation.attempts.map((a, i) => <AttemptItem key={i} attempt={a} maxAttempts={maxAttempts} />)}
          </ol>
          {generation.plan !== null && generation.source !== null && generation.status !== 'running' ? (
            <div className="plan" role="group" aria-label={`Plan: ${generation.plan.name}`}>
              <h2>{generation.plan.name}</h2>
              <p>Signal chain: {generation.plan.blocks.map((b) => b.kind).join(' → ')}.</p>
              <button type="button" className="primary" onClick={() => onUse(generation.source!, generation.plan!)}>
                {generation.status === 'succeeded' ? 'Use this code' : 'Edit the last code myself'}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
