/**
 * A simulation job in progress (the sweep or the readout-only run): a progress bar, and the share
 * done with the phase in words (hidden from screen readers, which hear the bar).
 */
export function SimulationProgress({ fraction, phase }: { fraction: number; phase: string }) {
  return (
    <span class="simulation__progress">
      <progress max={1} value={fraction} aria-label="Simulation progress" />
      <span aria-hidden="true">
        {" "}
        {Math.round(fraction * 100)}%, {phase}
      </span>
    </span>
  );
}
