/**
 * Resolves in a later task of the page's event loop (a timer), so the work after it does not
 * share a task with the work before it: the browser can handle input and paint in between.
 * Not the core's nextTask (src/compute/jobs/drive.ts): its MessageChannel message can run before the
 * browser renders, and with it two figure drawings and their layout landed together in the CI
 * rehearsal (tasks of 89 and 125 ms where this timer gives none over 50 ms).
 */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
