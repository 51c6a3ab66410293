import type { Argv } from "yargs";

/** `--executor-losses` of replay and import: how the losses a log shows are replayed. */
export const LOSS_FORMS = ["after-added", "at", "none"] as const;

export type LossForm = (typeof LOSS_FORMS)[number];

export function lossFormOption(form: LossForm): "afterAdded" | "at" | "none" {
  return form === "after-added" ? "afterAdded" : form;
}

/** The options of replay and import that say how the log's clock is kept: job submissions and executor losses. */
export function logTimingOptions<T>(y: Argv<T>) {
  return y
    .option("logged-submit-times", {
      type: "boolean",
      describe:
        "submit every job at its logged start time instead of keeping the driver's time between jobs (default: only when executor losses are replayed at their logged times; --no-logged-submit-times to refuse)",
    })
    .option("executor-losses", {
      choices: LOSS_FORMS,
      default: "at" as LossForm,
      describe:
        "replay the executors the log shows lost (removed with a failure reason) as losses of the same ids: at the logged time, no earlier than the logged lifetime (at), as long after registration as in the log (after-added), or not at all (none)",
    });
}
