// The languages the Forge builds (POST /forge/builds {language}): C++ against the SDK, or a Faust
// program. Each has its starting source, the name its diagnostics give the user's file, and its
// own draft in this browser, so switching back and forth loses neither.
import { FAUST_TEMPLATE } from './faust-template';
import { PLUGIN_TEMPLATE } from './plugin-template';

export type ForgeLanguage = 'cpp' | 'faust';

export const LANGUAGES: Record<ForgeLanguage, { name: string; template: string; sourceFile: string }> = {
  cpp: { name: 'C++', template: PLUGIN_TEMPLATE, sourceFile: 'plugin.cpp' },
  faust: { name: 'Faust', template: FAUST_TEMPLATE, sourceFile: 'plugin.dsp' },
};

const LANGUAGE_KEY = 'wasm-studio:forge-language';

// Where a language's draft is kept (C++ keeps the key drafts had before Faust).
export const draftKey = (language: ForgeLanguage) => (language === 'cpp' ? 'wasm-studio:forge-draft' : `wasm-studio:forge-draft-${language}`);

export function readLanguage(): ForgeLanguage {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'faust' ? 'faust' : 'cpp';
  } catch {
    return 'cpp';
  }
}

export function keepLanguage(language: ForgeLanguage): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // storage refused: the choice lives as long as the page
  }
}
