// The editor's language: C++ (against the SDK) or Faust. A radio group in the source toolbar;
// choosing one keeps the other's draft and opens this one's (or its template).
import type { ForgeLanguage } from './forge-language';
import { LANGUAGES } from './forge-language';

export function LanguageChoice({ language, onChange, disabled }: { language: ForgeLanguage; onChange: (language: ForgeLanguage) => void; disabled?: boolean }) {
  return (
    <div role="radiogroup" aria-label="Source language" className="language-choice">
      {(Object.keys(LANGUAGES) as ForgeLanguage[]).map((id) => (
        <label key={id}>
          <input type="radio" name="forge-language" value={id} checked={language === id} disabled={disabled} onChange={() => onChange(id)} />
          {LANGUAGES[id].name}
        </label>
      ))}
    </div>
  );
}
