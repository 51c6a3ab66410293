// What `merge` loads once it has read a file: the shards' reader, the merge and the analysis
// (none of them the engine's modules: the run metrics are in sweep/runMetrics.ts). One module, so one dynamic
// import (each one is a bundle entry, and more entries split the bundle into more chunk files).
export { analyzeSweep } from "../../sweep/analyzeSweep.js";
export { mergeSweeps } from "../../sweep/mergeSweeps.js";
export { readSweepCsv } from "../../sweep/readSweepCsv.js";
