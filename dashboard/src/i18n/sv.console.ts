// Swedish for the program console.
import type { enConsole } from './en.console';

export const svConsole: typeof enConsole = {
};
