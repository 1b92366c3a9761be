/**
 * Resolves in a later task of the page's event loop (a timer), so the work after it does not
 * share a task with the work before it: the browser can handle input and paint in between.
 */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
