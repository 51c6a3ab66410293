// A module hook (node --import) that prints, on stderr at exit, every module URL the process
// loaded (one "loaded: URL" line each): proof of what a command does not load.
import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";
import { writeSync } from "node:fs";

const loaded = [];
const { port1, port2 } = new MessageChannel();
port1.on("message", (url) => loaded.push(url));
port1.unref();
const hook = `let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) {
  port.postMessage(url);
  return next(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`, { data: { port: port2 }, transferList: [port2] });
process.on("exit", () => {
  port1.removeAllListeners();
  writeSync(2, loaded.map((u) => `loaded: ${u}\n`).join(""));
});
