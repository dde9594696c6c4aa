// The dashboard's entry point: mounts the app into #app.
import { render } from 'preact';
import { App } from './App';
import './theme.css';
import './styles.css';

render(<App />, document.getElementById('app')!);
