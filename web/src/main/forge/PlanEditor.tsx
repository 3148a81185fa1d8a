// The plan, editable before code is written (issue 16, "Describe"): rename the plugin and its
// knobs, change a knob's range and default, add, remove, reorder and set up the chain's blocks,
// make a fixed control a knob or a knob fixed, add a dry/wet mix. Every edit is made by the server
// (POST /api/v1/forge/plan-edits, the same rules the C++ writer checks), which answers with the
// edited plan and its new code; a refused edit changes nothing and says why.
import { useEffect, useState } from 'react';

import { type BlockCatalog, type ForgePlan, type PlanEdit, editPlan, forgeCatalog } from '../server/api';

type Parameter = ForgePlan['parameters'][number];
type Block = ForgePlan['blocks'][number];

let catalogRequest: Promise<BlockCatalog> | null = null;
function useCatalog(): BlockCatalog | null {
  const [catalog, setCatalog] = useState<BlockCatalog | null>(null);
  useEffect(() => {
    catalogRequest ??= forgeCatalog();
    catalogRequest.then(setCatalog, () => {
      catalogRequest = null;  // asked again next time the editor opens
    });
  }, []);
  return catalog;
}

// A text or number field that edits on Enter or on leaving it, and shows the plan's value again
// when the edit was refused (the plan did not change).
function Field({ label, value, onCommit, type = 'text', width }: {
  label: string; value: string; onCommit: (text: string) => Promise<boolean>; type?: 'text' | 'number'; width?: string;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft.trim() === value) return;
    void onCommit(draft.trim()).then((made) => {
      if (!made) setDraft(value);
    });
  };
  return (
    <input type={type} aria-label={label} value={draft} style={width ? { width } : undefined} step="any"
      onChange={(e) => setDraft(e.target.value)} onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') { e.preventDefault(); commit(); }
        if (e.key === 'Escape') setDraft(value);
      }} />
  );
}

function controlLabel(block: Block, control: string, catalog: BlockCatalog | null): string {
  const spec = catalog?.blocks.find((b) => b.kind === block.kind)?.controls.find((c) => c.id === control);
  return spec ? `${spec.name}${spec.unit ? ` (${spec.unit})` : ''}` : control;
}

export function PlanEditor({ plan, onEdited }: { plan: ForgePlan; onEdited: (plan: ForgePlan, source: string) => void }) {
  const catalog = useCatalog();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [newKind, setNewKind] = useState('');
  const [newPosition, setNewPosition] = useState(-1);  // -1: at the end

  // Whether the server made the edit; when not, the reason is shown.
  const edit = async (change: PlanEdit): Promise<boolean> => {
    setBusy(true);
    setProblem('');
    try {
      const answer = await editPlan(plan, change);
      onEdited(answer.plan, answer.source);
      return true;
    } catch (failure) {
      setProblem(failure instanceof Error ? failure.message : String(failure));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const number = (text: string): number => (text === '' ? Number.NaN : Number(text));
  const setRange = (p: Parameter, member: 'min' | 'max' | 'default', text: string): Promise<boolean> => {
    const value = number(text);
    if (!Number.isFinite(value)) {
      setProblem(`The ${member === 'default' ? 'default' : member === 'min' ? 'lowest value' : 'highest value'} of ${p.name} must be a number.`);
      return Promise.resolve(false);
    }
    const range = { min: p.min, max: p.max, default: p.default };
    range[member] = value;
    return edit({ op: 'setRange', parameter: p.id, ...range });
  };
  const instrument = plan.blocks.length > 0 && (catalog?.blocks.find((b) => b.kind === plan.blocks[0].kind)?.instrument ?? false);
  const kinds = catalog?.blocks.filter((b) => !b.instrument || plan.blocks.length === 0) ?? [];

  return (
    <div className="plan-editor" aria-busy={busy}>
      <div className="plan-name">
        <label>Plugin name <Field label="Plugin name" width="22rem" value={plan.name} onCommit={(name) => edit({ op: 'renamePlugin', name })} /></label>
      </div>
      <table className="plan-params">
        <caption>Knobs</caption>
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Lowest</th><th scope="col">Highest</th><th scope="col">Default</th><th scope="col">Unit</th><th scope="col"><span className="visually-hidden">Remove</span></th></tr>
        </thead>
        <tbody>
          {plan.parameters.map((p) => (
            <tr key={p.id}>
              <td><Field label={`Name of the ${p.name} knob`} width="11rem" value={p.name} onCommit={(name) => edit({ op: 'renameParameter', parameter: p.id, name })} /></td>
              <td><Field type="number" width="6rem" label={`${p.name}: lowest value`} value={String(p.min)} onCommit={(t) => setRange(p, 'min', t)} /></td>
              <td><Field type="number" width="6rem" label={`${p.name}: highest value`} value={String(p.max)} onCommit={(t) => setRange(p, 'max', t)} /></td>
              <td><Field type="number" width="6rem" label={`${p.name}: default`} value={String(p.default)} onCommit={(t) => setRange(p, 'default', t)} /></td>
              <td>{p.unit}</td>
              <td>
                <button type="button" disabled={busy} aria-label={`Remove the ${p.name} knob (what it controls stays at its default)`}
                  onClick={() => void edit({ op: 'removeParameter', parameter: p.id })}>Remove</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.mix === null && !instrument ? (
        <button type="button" disabled={busy} onClick={() => void edit({ op: 'addMix' })}>Add a dry/wet mix knob</button>
      ) : null}
      <h3 id="plan-chain-heading">Signal chain</h3>
      <ol className="plan-chain" aria-labelledby="plan-chain-heading">
        {plan.blocks.map((block, index) => {
          const spec = catalog?.blocks.find((b) => b.kind === block.kind);
          const title = spec?.title ?? block.kind;
          const fixed = Object.entries(block.controls).filter(([, c]) => typeof c === 'number').map(([id]) => id);
          return (
            <li key={`${index}-${block.kind}`} aria-label={`${index + 1}: ${title}`}>
              <span className="block-title">{title}</span>
              {spec?.options.map((option) => (
                <label key={option.id} className="block-option">{option.id}{' '}
                  <select value={block.options[option.id]} disabled={busy} aria-label={`${title}: ${option.id}`}
                    onChange={(e) => void edit({ op: 'setOption', block: index, option: option.id, value: e.target.value })}>
                    {option.choices.map((choice) => <option key={choice} value={choice}>{choice}</option>)}
                  </select>
                </label>
              ))}
              {fixed.length > 0 ? (
                <select value="" disabled={busy} aria-label={`${title}: make a fixed control a knob`}
                  onChange={(e) => {
                    const control = e.target.value;
                    if (control !== '') void edit({ op: 'addParameter', block: index, control, name: spec?.controls.find((c) => c.id === control)?.name ?? control });
                  }}>
                  <option value="" disabled>Add a knob for…</option>
                  {fixed.map((id) => <option key={id} value={id}>{controlLabel(block, id, catalog)} = {String(block.controls[id])}</option>)}
                </select>
              ) : null}
              <span className="block-actions">
                <button type="button" disabled={busy || index === 0} aria-label={`Move ${title} earlier in the chain`}
                  onClick={() => void edit({ op: 'moveBlock', from: index, to: index - 1 })}>↑</button>
                <button type="button" disabled={busy || index === plan.blocks.length - 1} aria-label={`Move ${title} later in the chain`}
                  onClick={() => void edit({ op: 'moveBlock', from: index, to: index + 1 })}>↓</button>
                <button type="button" disabled={busy || plan.blocks.length === 1} aria-label={`Remove ${title} and its knobs`}
                  onClick={() => void edit({ op: 'removeBlock', index })}>Remove</button>
              </span>
            </li>
          );
        })}
      </ol>
      <form className="plan-add-block" onSubmit={(e) => {
        e.preventDefault();
        if (newKind === '') { setProblem('Choose the kind of block to add first.'); return; }
        void edit({ op: 'addBlock', kind: newKind, position: newPosition < 0 ? plan.blocks.length : newPosition });
      }}>
        <select value={newKind} onChange={(e) => setNewKind(e.target.value)} aria-label="Kind of block to add" disabled={catalog === null}>
          <option value="">{catalog === null ? 'Loading the blocks…' : 'Add a block…'}</option>
          {kinds.map((b) => <option key={b.kind} value={b.kind}>{b.title}</option>)}
        </select>
        <select value={newPosition} onChange={(e) => setNewPosition(Number(e.target.value))} aria-label="Where in the chain">
          <option value={-1}>at the end</option>
          {plan.blocks.map((b, i) => <option key={i} value={i}>before {i + 1}: {catalog?.blocks.find((s) => s.kind === b.kind)?.title ?? b.kind}</option>)}
        </select>
        <button type="submit" disabled={busy || catalog === null}>Add</button>
      </form>
      {problem !== '' ? <p role="alert" className="error">{problem}</p> : null}
    </div>
  );
}
