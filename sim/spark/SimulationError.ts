/**
 * The engine could not finish the workload: the input asks for more than the simulated-time
 * limit ("time-limit") or for no executor at all ("no-executors"), both the user's to change;
 * or the run stalled for no reason the input explains ("stalled", a model bug).
 */
export class SimulationError extends Error {
  override readonly name = "SimulationError";
  constructor(
    message: string,
    readonly kind: "time-limit" | "no-executors" | "stalled" = "stalled",
  ) {
    super(message);
  }
}
