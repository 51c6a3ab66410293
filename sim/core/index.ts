export { EventQueue, type QueuedEvent } from "./EventQueue.js";
export { Simulation } from "./Simulation.js";
export { SeededRandom, normal, type RandomStream } from "./random.js";
