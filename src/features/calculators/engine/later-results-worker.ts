/**
 * Web Worker entry for the calculators' slow outputs: `new Worker(new URL("./later-results-worker.ts",
 * import.meta.url), { type: "module" })`, one per page (islands/later-results-client.ts). Serves
 * the protocol of later-results-service.ts. DOM-free.
 */
import type { WorkerScope } from "../../../compute/jobs/serve.ts";
import { serveLaterResults } from "./later-results-service.ts";

serveLaterResults(globalThis as unknown as WorkerScope);
