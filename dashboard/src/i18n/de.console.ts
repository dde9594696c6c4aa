// German for the program console.
import type { enConsole } from './en.console';

export const deConsole: typeof enConsole = {
};
