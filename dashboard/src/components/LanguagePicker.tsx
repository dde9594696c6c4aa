// The dashboard's language: English, Swedish or German, each named in its own language; the choice is remembered.
import { LANGUAGES, LANGUAGE_NAMES, LOCALES, language, setLanguage, t, type Language } from '../i18n';

export function LanguagePicker() {
  return (
    <label class="switcher language-picker">
      <span>{t('header.language')}</span>
      <select name="language" value={language()} onChange={(e) => void setLanguage(e.currentTarget.value as Language, true)} data-testid="language">
        {LANGUAGES.map((l) => <option key={l} value={l} lang={LOCALES[l]}>{LANGUAGE_NAMES[l]}</option>)}
      </select>
    </label>
  );
}
