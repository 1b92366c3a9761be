/**
 * The worker's side of the calculators' slow outputs (later-results-service.ts), in Node behind a
 * stand-in scope: the outputs it posts are those the calculators compute, a client's newer request
 * replaces its older one, "all read right" is refined by the Monte Carlo where the fast value is a
 * range, a refinement whose scenario is gone is dropped, and a computation that throws is said.
 */
import { describe, expect, it } from "vitest";
import type { WorkerScope } from "../../src/compute/jobs/serve.ts";
import { serveLaterResults, type LaterReply, type LaterRequest } from "../../src/features/calculators/engine/later-results-service.ts";
import { levelsLaterResults, sparsityLaterResults } from "../../src/features/calculators/engine/later-results.ts";
import { refinedAllRightResult } from "../../src/numbers/error-rate-results.ts";
import { DEFAULT_SCENARIO, type Scenario } from "../../src/numbers/scenario.ts";

function service() {
  const replies: LaterReply[] = [];
  const scope: WorkerScope = { onmessage: null, postMessage: (m) => replies.push(m as LaterReply) };
  serveLaterResults(scope);
  const send = (message: unknown) => scope.onmessage!({ data: message });
  const request = (client: number, calculator: LaterRequest["calculator"], shape: Partial<Scenario>): LaterRequest => {
    const scenario = { ...DEFAULT_SCENARIO, ...shape };
    return { type: "compute", client, calculator, key: JSON.stringify(scenario), scenario };
  };
  return { replies, send, request };
}

/** Lets the service's tasks run until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; !done(); i++) {
    if (i > 4000) throw new Error("the service did not finish");
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe("the later results' service", () => {
  it("posts the outputs the calculators compute", async () => {
    const { replies, send, request } = service();
    send(request(1, "sparsity", { n: 1024, m: 4096, l: 16 }));
    send(request(2, "levels", { n: 1024, m: 4096, l: 16 }));
    await until(() => replies.length === 2);
    const [sparsity, levels] = replies;
    expect(sparsity).toEqual({
      type: "results",
      client: 1,
      key: JSON.stringify({ ...DEFAULT_SCENARIO, n: 1024, m: 4096, l: 16 }),
      outputs: sparsityLaterResults({ ...DEFAULT_SCENARIO, n: 1024, m: 4096, l: 16 }),
      refining: [],
    });
    expect(levels).toMatchObject({ client: 2, outputs: levelsLaterResults({ ...DEFAULT_SCENARIO, n: 1024, m: 4096, l: 16 }), refining: [] });
  });

  it("answers only a client's newest request among those waiting", async () => {
    const { replies, send, request } = service();
    // The first is answered as it arrives; the next three wait for a task, and only the last counts.
    for (const l of [10, 11, 12, 13]) send(request(1, "sparsity", { n: 1024, m: 4096, l }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await until(() => replies.length >= 2);
    expect(replies.map((r) => (JSON.parse(r.key) as Scenario).l)).toEqual([10, 13]);
  });

  it("refines all read right at n = 128, m = 1 024, l = 8, the range first and the verified value after", async () => {
    const { replies, send, request } = service();
    send(request(1, "sparsity", { n: 128, m: 1024, l: 8 }));
    await until(() => replies.length === 2);
    const [first, second] = replies as [Extract<LaterReply, { type: "results" }>, Extract<LaterReply, { type: "results" }>];
    expect(first.refining).toEqual(["all-right"]);
    expect(first.outputs["all-right"]!.accuracy).toBe("range");
    expect(second.refining).toEqual([]);
    expect(Object.keys(second.outputs)).toEqual(["all-right"]);
    // The same estimate as the synchronous refinement (seed 1), within 10 % of the notes' 6.31 × 10⁻⁷.
    expect(second.outputs["all-right"]).toEqual(refinedAllRightResult(128, 1024, 8));
    expect(second.outputs["all-right"]!.value).toBeCloseRel(6.31e-7, 0.1);
  });

  it("drops a refinement when its client asks for another scenario", async () => {
    const { replies, send, request } = service();
    send(request(1, "sparsity", { n: 128, m: 1024, l: 8 }));
    await until(() => replies.length === 1);
    send(request(1, "sparsity", { n: 1024, m: 4096, l: 16 }));
    await until(() => replies.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(replies).toHaveLength(2);
    expect((JSON.parse(replies[1]!.key) as Scenario).l).toBe(16);
  });

  it("says when a computation throws, and ignores what is not a request", async () => {
    const { replies, send, request } = service();
    send({ type: "start", id: 1 });
    send(null);
    // l > m: no valid scenario has it, and the error rates refuse it.
    send(request(3, "sparsity", { n: 64, m: 4, l: 8 }));
    await until(() => replies.length === 1);
    expect(replies[0]).toMatchObject({ type: "failed", client: 3 });
    expect((replies[0] as { message: string }).message).toMatch(/l must not exceed m/);
  });
});
