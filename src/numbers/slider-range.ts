/** A log-scale slider's range: data in the parameter table, mapped to positions by the islands. */
export interface SliderRange {
  readonly min: number;
  readonly max: number;
  /** Round to whole numbers (counts). */
  readonly integer: boolean;
}
