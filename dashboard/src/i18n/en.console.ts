// English for the program console.
export const enConsole = {
};
