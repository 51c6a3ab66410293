import { SweepInputError } from "./SweepError.js";

/**
 * What a run costs per resource-hour, in US dollars. Memory is priced per GiB (1024 MiB),
 * which is how Fargate sizes pods ("2 GB" is 2048 MiB) and how Spark sizes containers.
 */
export interface PriceModel {
  readonly vcpuHourUsd: number;
  readonly gibHourUsd: number;
}

/**
 * The default: Amazon EMR on EKS on AWS Fargate, US East (N. Virginia), Linux/x86,
 * on-demand, which is what the seed's users (EMR on EKS job requests) pay per pod-second:
 *
 * - AWS Fargate: $0.04048 per vCPU-hour and $0.004445 per GB-hour
 *   (https://aws.amazon.com/fargate/pricing/; the page renders its table in the browser, so
 *   the figures were checked on 2026-11-25 against copies of it: vantage.sh/blog/fargate-pricing,
 *   wring.co's Fargate guide of 2026-03-10, and AWS's per-second form $0.000011244 per
 *   vCPU-second = $0.04048 per hour, transcribed from aws.amazon.com/ecs/pricing/);
 * - the EMR on EKS charge on top: $0.01012 per vCPU-hour and $0.00111125 per GB-hour
 *   (https://aws.amazon.com/emr/pricing/, "Amazon EMR on Amazon EKS"; not read from the AWS
 *   page itself here, but the same figures are used by aws-samples/aws-emr-advisor's cost
 *   tests and by EMR cost comparisons quoting that page).
 *
 * Sum: $0.0506 per vCPU-hour and $0.00555625 per GB-hour. On EC2 node groups you pay for
 * instances instead: pass your own prices (an instance's hourly price split over its vCPUs
 * and memory, plus the EMR on EKS charge above).
 */
export const DEFAULT_PRICES: PriceModel = Object.freeze({
  // Written as the sums, not computed: 0.04048 + 0.01012 is 0.050600000000000006 in floating point.
  vcpuHourUsd: 0.0506,
  gibHourUsd: 0.00555625,
});

/** One line naming the default's source, for reports and the CSV metadata. */
export const DEFAULT_PRICES_SOURCE = "EMR on EKS on AWS Fargate, us-east-1, on-demand, Fargate plus the EMR on EKS charge";

/** A price given on the command line: a non-negative number, optionally with a leading "$". */
export function parsePrice(option: string, text: string | number): number {
  const t = String(text).trim().replace(/^\$/, "");
  const v = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(v) || v < 0) throw new SweepInputError(`${option} ${text}: expected a price in US dollars >= 0, e.g. 0.0506`);
  return v;
}
