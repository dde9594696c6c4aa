// The dashboard's entry point: picks the reader's language (loading its words), then mounts the app into #app.
import { render } from 'preact';
import { App } from './App';
import { setLanguage, startingLanguage } from './i18n';
import './theme.css';
import './styles.css';

// Should a catalogue fail to load (a deploy replaced the files meanwhile), the dashboard still opens, in English.
void setLanguage(startingLanguage()).catch(() => setLanguage('en')).finally(() => render(<App />, document.getElementById('app')!));
