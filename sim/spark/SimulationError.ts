import { DraSimError, type ErrorCategory } from "../errors.js";

/**
 * The engine could not finish the workload: the input asks for more than the simulated-time
 * limit ("time-limit") or for no executor at all ("no-executors"), both the user's to change;
 * or the run stalled for no reason the input explains ("stalled", a model bug).
 */
export class SimulationError extends DraSimError {
  override readonly name = "SimulationError";
  constructor(
    message: string,
    readonly kind: "time-limit" | "no-executors" | "stalled" = "stalled",
  ) {
    super(message);
  }

  /** Too long a workload, or no executor asked for, is the input's; a stall is the model's. */
  get category(): ErrorCategory {
    return this.kind === "stalled" ? "internal" : "invalid-input";
  }

  override get userMessage(): string {
    return `the simulation could not finish: ${this.message}`;
  }
}
