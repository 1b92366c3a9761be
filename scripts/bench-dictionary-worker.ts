/**
 * A worker thread of scripts/bench-dictionary.ts standing in for the page's Web Worker: the same
 * job server and tasks as src/features/dictionary/engine/dictionary-worker.ts, over a
 * worker_threads port instead of a Web Worker's global scope. Node cannot post a file-backed Blob
 * to a thread (a browser posts a File as a handle), so the bench sends the file's path and this
 * thread opens it as a Blob itself (fs.openAsBlob: reads stay lazy, in blocks).
 */
import { openAsBlob } from "node:fs";
import { parentPort } from "node:worker_threads";
import { serveJobs, type WorkerScope } from "../src/compute/jobs/serve.ts";
import { runDictionaryTask, type DictionaryJob, type WorkerState } from "../src/features/dictionary/engine/worker-tasks.ts";

if (parentPort === null) throw new Error("bench-dictionary-worker.ts runs as a worker thread of scripts/bench-dictionary.ts");
const port = parentPort;
const scope: WorkerScope = { postMessage: (message) => port.postMessage(message), onmessage: null };
const state: WorkerState = { loaded: undefined };
serveJobs<DictionaryJob>(scope, (task, options) => runDictionaryTask(task, state, options));
port.on("message", (data: { input?: { file?: unknown } }) => {
  const file = data.input?.file;
  if (typeof file !== "string") return scope.onmessage?.({ data });
  void openAsBlob(file).then((blob) => scope.onmessage?.({ data: { ...data, input: { ...data.input, file: blob } } }));
});
