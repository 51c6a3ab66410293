export { EventQueue, type QueuedEvent } from "./EventQueue.js";
export { EventHeap } from "./EventHeap.js";
export { Simulation, type Clock } from "./Simulation.js";
export { objectArray } from "./objectArray.js";
export { SeededRandom, normal, type RandomStream } from "./random.js";
